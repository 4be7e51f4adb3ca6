#!/usr/bin/env bash
# Drives the real OpenSSH client against `scrutineer serve`, as a member would: connect,
# browse, search, quit; then a clerk marks an item and the history names the clerk's
# key. For a person to rerun after a change to the server (the test suite uses russh's
# own client and needs nothing outside cargo).
#
# Needs: ssh and ssh-keygen (OpenSSH client), tmux. Run from anywhere:
#   scripts/ssh-session.sh
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in ssh ssh-keygen tmux; do
  command -v "$tool" >/dev/null || { echo "needs $tool"; exit 2; }
done

cargo build --release --quiet
bin="$PWD/target/release/scrutineer"
work=$(mktemp -d)
session="scrutineer-ssh-$$"
server=""
cleanup() {
  tmux kill-session -t "$session" 2>/dev/null || true
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

cp -r data "$work/ws"
rm -f "$work/ws/.scrutineer.lock"
ssh-keygen -q -t ed25519 -N '' -f "$work/member" -C member
ssh-keygen -q -t ed25519 -N '' -f "$work/clerk" -C clerk
{
  echo "role=\"member\",name=\"Cllr Test\" $(cat "$work/member.pub")"
  echo "role=\"clerk\",name=\"Clerk Test\" $(cat "$work/clerk.pub")"
} > "$work/keys"

port=$((20000 + RANDOM % 20000))
SCRUTINEER_TODAY=2003-10-15 "$bin" --workspace "$work/ws" serve --listen "127.0.0.1:$port" \
  --keys "$work/keys" --host-key "$work/host_key" > "$work/server.out" 2> "$work/server.log" &
server=$!
for _ in $(seq 50); do grep -q "listening on" "$work/server.out" 2>/dev/null && break; sleep 0.1; done
cat "$work/server.out"

ssh_as() {
  echo "ssh -tt -p $port -i $work/$1 -o IdentitiesOnly=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR $1@127.0.0.1"
}
screen() { tmux capture-pane -t "$session" -p; }
failures=0
expect() { # expect "what" "text on screen"
  for _ in $(seq 50); do screen | grep -qF -- "$2" && { echo "ok    $1"; return; }; sleep 0.1; done
  echo "FAIL  $1: the screen does not show \"$2\""; screen; failures=$((failures + 1))
}

tmux new-session -d -s "$session" -x 100 -y 30 "$(ssh_as member)"
expect "a member's key opens the workbench" "Reports (1/5)"
tmux send-keys -t "$session" j j
expect "browse: the cursor moves" "Reports (3/5)"
tmux send-keys -t "$session" / foster Enter
expect "search: foster finds 5 of the 72 items" "(5 of 72; c clears)"
tmux send-keys -t "$session" 2 m
expect "a member cannot mark" "read-only"
tmux send-keys -t "$session" q
sleep 0.5
if tmux has-session -t "$session" 2>/dev/null; then
  echo "FAIL  q did not end the session"; failures=$((failures + 1))
else
  echo "ok    q ends the session and ssh exits"
fi

tmux new-session -d -s "$session" -x 100 -y 30 "$(ssh_as clerk)"
expect "a clerk's key opens the workbench" "Reports (1/5)"
tmux send-keys -t "$session" 2 m
expect "a clerk marks an item" "marked ready"
tmux send-keys -t "$session" q
sleep 0.5
if grep -q 'by = "Clerk Test"' "$work/ws/tracking.toml"; then
  echo "ok    the history names the clerk's key"
else
  echo "FAIL  tracking.toml does not name the clerk's key"; failures=$((failures + 1))
fi

echo "-- the server's log"
cat "$work/server.log"
[ "$failures" -eq 0 ] && echo "all passed" || { echo "$failures failed"; exit 1; }
