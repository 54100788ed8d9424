//! Coding many documents on several threads while keeping the results in input order.

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::mpsc;
use std::sync::Mutex;

use anyhow::Result;
use vigie_core::Document;

/// How many items may wait for a worker per thread: enough to keep every worker busy while the input
/// is read, few enough to keep memory flat on long streams.
const QUEUED_PER_THREAD: usize = 16;

/// Runs `work` on every document of `docs` with `threads` threads and writes the outputs in input
/// order. Input errors are reported on standard error and counted; the stream goes on.
pub fn run_ordered<I, F>(docs: I, threads: usize, out: &mut impl Write, work: F) -> Result<usize>
where
    I: Iterator<Item = Result<Document>>,
    F: Fn(&Document) -> Result<Vec<u8>> + Sync,
{
    let mut failures = 0usize;
    map_ordered(
        docs,
        threads,
        |doc: Document| work(&doc),
        |item| match item {
            Ok(output) => Ok(out.write_all(&output?)?),
            Err(e) => {
                failures += 1;
                eprintln!("vigie: skipped: {e:#}");
                Ok(())
            }
        },
    )?;
    Ok(failures)
}

/// What `map_ordered` hands to its sink, in input order: the result of the work, or the input's own
/// error.
pub type Mapped<U, E> = std::result::Result<U, E>;

/// Runs `work` on every item of `items` with `threads` threads and hands the results, and the items'
/// own errors, to `sink` in input order.
///
/// Reading, working and sinking overlap: this thread pulls items and sinks finished results while the
/// workers take items one at a time from a shared queue, so a slow item never leaves a worker idle.
/// The sink runs on this thread, so it may own what cannot be shared (a database connection).
pub fn map_ordered<T, E, U, I, F, S>(items: I, threads: usize, work: F, mut sink: S) -> Result<()>
where
    I: Iterator<Item = std::result::Result<T, E>>,
    T: Send,
    U: Send,
    F: Fn(T) -> U + Sync,
    S: FnMut(Mapped<U, E>) -> Result<()>,
{
    if threads <= 1 {
        for item in items {
            sink(item.map(&work))?;
        }
        return Ok(());
    }
    let (job_tx, job_rx) = mpsc::sync_channel::<(usize, T)>(threads * QUEUED_PER_THREAD);
    let job_rx = Mutex::new(job_rx);
    let (done_tx, done_rx) = mpsc::channel::<(usize, U)>();
    std::thread::scope(|scope| -> Result<()> {
        for _ in 0..threads {
            let done_tx = done_tx.clone();
            let job_rx = &job_rx;
            let work = &work;
            scope.spawn(move || loop {
                // The lock is held only to take the next item, never while working on it.
                let next = job_rx.lock().map(|rx| rx.recv());
                let Ok(Ok((index, item))) = next else {
                    break;
                };
                if done_tx.send((index, work(item))).is_err() {
                    break;
                }
            });
        }
        drop(done_tx);
        // Results and input errors wait here until everything before them has been sunk.
        let mut pending: BTreeMap<usize, Mapped<U, E>> = BTreeMap::new();
        let mut next_out = 0usize;
        let mut drain =
            |pending: &mut BTreeMap<usize, Mapped<U, E>>, next_out: &mut usize| -> Result<()> {
                while let Some(result) = pending.remove(next_out) {
                    sink(result)?;
                    *next_out += 1;
                }
                Ok(())
            };
        let mut sent = 0usize;
        for item in items {
            match item {
                Ok(item) => job_tx
                    .send((sent, item))
                    .map_err(|_| anyhow::anyhow!("the worker threads stopped"))?,
                Err(e) => {
                    pending.insert(sent, Err(e));
                }
            }
            sent += 1;
            while let Ok((index, output)) = done_rx.try_recv() {
                pending.insert(index, Ok(output));
            }
            drain(&mut pending, &mut next_out)?;
        }
        drop(job_tx);
        for (index, output) in done_rx.iter() {
            pending.insert(index, Ok(output));
            drain(&mut pending, &mut next_out)?;
        }
        drain(&mut pending, &mut next_out)?;
        if next_out != sent {
            anyhow::bail!("a worker thread stopped before finishing every item");
        }
        Ok(())
    })
}
