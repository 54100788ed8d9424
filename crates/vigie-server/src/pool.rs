//! A small pool of event-store connections. Store calls block (SQLite), so each one runs on tokio's
//! blocking threads with a connection of its own; the pool bounds how many run at once.

use std::sync::{Arc, Mutex};

use tokio::sync::Semaphore;
use vigie_store::{EventStore, StoreError};

use crate::error::ApiError;

/// One connection to the store, owned by whoever holds it.
pub type BoxedStore = Box<dyn EventStore + Send>;

/// Opens a new connection to the same store.
pub type StoreOpener = Arc<dyn Fn() -> Result<BoxedStore, StoreError> + Send + Sync>;

pub struct StorePool {
    idle: Mutex<Vec<BoxedStore>>,
    permits: Arc<Semaphore>,
    open: StoreOpener,
}

impl StorePool {
    /// Opens `size` connections now, so that a store that cannot be opened stops the start-up rather
    /// than the first request.
    pub fn new(open: StoreOpener, size: usize) -> Result<StorePool, StoreError> {
        let size = size.max(1);
        let idle = (0..size).map(|_| open()).collect::<Result<Vec<_>, _>>()?;
        Ok(StorePool {
            idle: Mutex::new(idle),
            permits: Arc::new(Semaphore::new(size)),
            open,
        })
    }

    /// Runs `f` with a connection on a blocking thread.
    pub async fn run<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut dyn EventStore) -> Result<T, ApiError> + Send + 'static,
    {
        let _permit = self
            .permits
            .clone()
            .acquire_owned()
            .await
            .map_err(|_| ApiError::Internal("the store pool is closed".into()))?;
        let taken = self.idle.lock().ok().and_then(|mut idle| idle.pop());
        // A connection lost to a failed task is replaced, so the pool never shrinks.
        let mut store = match taken {
            Some(store) => store,
            None => (self.open)()?,
        };
        let (store, result) = tokio::task::spawn_blocking(move || {
            let result = f(store.as_mut());
            (store, result)
        })
        .await
        .map_err(|e| ApiError::Internal(format!("a store task failed: {e}")))?;
        if let Ok(mut idle) = self.idle.lock() {
            idle.push(store);
        }
        result
    }
}
