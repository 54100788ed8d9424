//! Coding many documents on several threads while keeping the output in input order.

use std::io::Write;

use anyhow::Result;
use vigie_core::Document;

/// How many documents each thread takes per round; large enough to amortise the hand-over, small
/// enough to keep memory flat on long streams.
const PER_THREAD: usize = 64;

/// Runs `work` on every document of `docs` with `threads` threads and writes the outputs in input
/// order. Input errors are reported on standard error and counted; the stream goes on.
pub fn run_ordered<I, F>(docs: I, threads: usize, out: &mut impl Write, work: F) -> Result<usize>
where
    I: Iterator<Item = Result<Document>>,
    F: Fn(&Document) -> Result<Vec<u8>> + Sync,
{
    let threads = threads.max(1);
    let mut failures = 0usize;
    let mut docs = docs.peekable();
    while docs.peek().is_some() {
        let mut chunk: Vec<Document> = Vec::with_capacity(threads * PER_THREAD);
        for item in docs.by_ref() {
            match item {
                Ok(d) => chunk.push(d),
                Err(e) => {
                    failures += 1;
                    eprintln!("vigie: skipped: {e:#}");
                }
            }
            if chunk.len() == threads * PER_THREAD {
                break;
            }
        }
        let outputs: Vec<Result<Vec<u8>>> = if threads == 1 {
            chunk.iter().map(&work).collect()
        } else {
            let per = chunk.len().div_ceil(threads).max(1);
            std::thread::scope(|scope| {
                let handles: Vec<_> = chunk
                    .chunks(per)
                    .map(|part| scope.spawn(|| part.iter().map(&work).collect::<Vec<_>>()))
                    .collect();
                handles
                    .into_iter()
                    .flat_map(|h| {
                        h.join().unwrap_or_else(|_| {
                            vec![Err(anyhow::anyhow!("a worker thread panicked"))]
                        })
                    })
                    .collect()
            })
        };
        for o in outputs {
            out.write_all(&o?)?;
        }
    }
    Ok(failures)
}
