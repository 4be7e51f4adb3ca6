//! Work split over the machine's cores, keeping the order of its input.

/// Runs `work` over `items` in consecutive parts, one per core (at most eight), and
/// joins what they return in the order of `items`. With fewer than `from` items, or
/// one core, it all runs on this thread. A panic in a part is resumed here.
pub fn in_parts<T: Sync, R: Send>(
    items: &[T],
    from: usize,
    work: impl Fn(&[T]) -> Vec<R> + Sync,
) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    if threads < 2 || items.len() < from.max(2) {
        return work(items);
    }
    let size = items.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let work = &work;
        let others: Vec<_> = items
            .chunks(size)
            .skip(1)
            .map(|part| scope.spawn(move || work(part)))
            .collect();
        let mut out = work(&items[..size.min(items.len())]);
        for part in others {
            match part.join() {
                Ok(part) => out.extend(part),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        out
    })
}

#[cfg(test)]
mod tests {
    use super::in_parts;

    #[test]
    fn keeps_the_order_of_its_input() {
        let items: Vec<usize> = (0..1000).collect();
        let doubled = in_parts(&items, 2, |part| part.iter().map(|x| x * 2).collect());
        assert_eq!(doubled, (0..1000).map(|x| x * 2).collect::<Vec<_>>());
    }

    #[test]
    fn few_items_and_none_are_fine() {
        let none: Vec<u8> = Vec::new();
        assert!(in_parts(&none, 2, |part| part.to_vec()).is_empty());
        assert_eq!(in_parts(&[7u8], 2, |part| part.to_vec()), vec![7]);
    }
}
