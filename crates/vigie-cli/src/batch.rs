//! Coding many documents on several threads while keeping the output in input order.

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::mpsc;
use std::sync::Mutex;

use anyhow::Result;
use vigie_core::Document;

/// How many documents may wait for a worker per thread: enough to keep every worker busy while the
/// input is read, few enough to keep memory flat on long streams.
const QUEUED_PER_THREAD: usize = 16;

/// Runs `work` on every document of `docs` with `threads` threads and writes the outputs in input
/// order. Input errors are reported on standard error and counted; the stream goes on.
///
/// Reading, coding and writing overlap: this thread reads documents and writes finished outputs while
/// the workers take documents one at a time from a shared queue, so a slow document never leaves a
/// worker idle.
pub fn run_ordered<I, F>(docs: I, threads: usize, out: &mut impl Write, work: F) -> Result<usize>
where
    I: Iterator<Item = Result<Document>>,
    F: Fn(&Document) -> Result<Vec<u8>> + Sync,
{
    let mut failures = 0usize;
    let mut count_failure = |e: anyhow::Error| {
        failures += 1;
        eprintln!("vigie: skipped: {e:#}");
    };
    if threads <= 1 {
        for item in docs {
            match item {
                Ok(d) => out.write_all(&work(&d)?)?,
                Err(e) => count_failure(e),
            }
        }
        return Ok(failures);
    }
    let (job_tx, job_rx) = mpsc::sync_channel::<(usize, Document)>(threads * QUEUED_PER_THREAD);
    let job_rx = Mutex::new(job_rx);
    let (done_tx, done_rx) = mpsc::channel::<(usize, Result<Vec<u8>>)>();
    std::thread::scope(|scope| -> Result<()> {
        for _ in 0..threads {
            let done_tx = done_tx.clone();
            let job_rx = &job_rx;
            let work = &work;
            scope.spawn(move || loop {
                // The lock is held only to take the next document, never while coding it.
                let next = job_rx.lock().map(|rx| rx.recv());
                let Ok(Ok((index, doc))) = next else {
                    break;
                };
                if done_tx.send((index, work(&doc))).is_err() {
                    break;
                }
            });
        }
        drop(done_tx);
        let mut pending: BTreeMap<usize, Result<Vec<u8>>> = BTreeMap::new();
        let mut next_out = 0usize;
        let mut write_ready =
            |pending: &mut BTreeMap<usize, Result<Vec<u8>>>, next_out: &mut usize| -> Result<()> {
                while let Some(output) = pending.remove(next_out) {
                    out.write_all(&output?)?;
                    *next_out += 1;
                }
                Ok(())
            };
        let mut sent = 0usize;
        for item in docs {
            match item {
                Ok(doc) => {
                    job_tx
                        .send((sent, doc))
                        .map_err(|_| anyhow::anyhow!("the coding workers stopped"))?;
                    sent += 1;
                }
                Err(e) => count_failure(e),
            }
            while let Ok((index, output)) = done_rx.try_recv() {
                pending.insert(index, output);
            }
            write_ready(&mut pending, &mut next_out)?;
        }
        drop(job_tx);
        for (index, output) in done_rx.iter() {
            pending.insert(index, output);
            write_ready(&mut pending, &mut next_out)?;
        }
        if next_out != sent {
            anyhow::bail!("a worker thread stopped before coding every document");
        }
        Ok(())
    })?;
    Ok(failures)
}
