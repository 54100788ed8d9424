//! A short-lived cache of rendered responses. A relations series over ten years or a deep events
//! query costs milliseconds of SQLite work; a dashboard asks for the same few pages again and again, so
//! each answer is kept for a few seconds. A document stored through this server empties the cache at
//! once; writes by other processes show after at most the time to live and one computation (an expired
//! response is served while a single request computes its replacement).

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::body::Bytes;

/// A rendered response body and its content type.
#[derive(Clone, Debug)]
pub struct Cached {
    pub content_type: &'static str,
    pub body: Bytes,
}

struct Inner {
    entries: HashMap<String, (Instant, Cached)>,
    /// The summed size of the bodies held.
    bytes: usize,
    /// Keys in insertion order: the oldest is evicted first when the cache is full.
    order: VecDeque<String>,
    generation: u64,
}

pub struct ResponseCache {
    ttl: Duration,
    capacity: usize,
    max_bytes: usize,
    inner: Mutex<Inner>,
    pub hits: AtomicU64,
    pub misses: AtomicU64,
}

/// What a lookup found: the cached response; an expired one (still of the current store, as
/// [`ResponseCache::clear`] drops every entry) with the generation to hand back to
/// [`ResponseCache::insert`]; or nothing but that generation.
pub enum Lookup {
    Hit(Cached),
    Expired(Cached, u64),
    Miss(u64),
}

impl ResponseCache {
    /// A cache of at most `capacity` responses and `max_bytes` of bodies, each kept `ttl`; a zero
    /// `ttl` disables it.
    pub fn new(ttl: Duration, capacity: usize, max_bytes: usize) -> ResponseCache {
        ResponseCache {
            ttl,
            capacity,
            max_bytes,
            inner: Mutex::new(Inner {
                entries: HashMap::new(),
                bytes: 0,
                order: VecDeque::new(),
                generation: 0,
            }),
            hits: AtomicU64::new(0),
            misses: AtomicU64::new(0),
        }
    }

    pub fn enabled(&self) -> bool {
        !self.ttl.is_zero() && self.capacity > 0
    }

    pub fn get(&self, key: &str) -> Lookup {
        let Ok(inner) = self.inner.lock() else {
            return Lookup::Miss(u64::MAX);
        };
        match inner.entries.get(key) {
            Some((at, c)) if at.elapsed() < self.ttl => {
                self.hits.fetch_add(1, Ordering::Relaxed);
                Lookup::Hit(c.clone())
            }
            Some((_, c)) => {
                self.misses.fetch_add(1, Ordering::Relaxed);
                Lookup::Expired(c.clone(), inner.generation)
            }
            None => {
                self.misses.fetch_add(1, Ordering::Relaxed);
                Lookup::Miss(inner.generation)
            }
        }
    }

    /// Keeps a response computed from the store as it was at `generation`; a response computed before
    /// the last [`ResponseCache::clear`] may be stale and is dropped.
    pub fn insert(&self, key: String, value: Cached, generation: u64) {
        if !self.enabled() {
            return;
        }
        let Ok(mut inner) = self.inner.lock() else {
            return;
        };
        // A body that would take more than an eighth of the budget is not worth evicting others for.
        if inner.generation != generation || value.body.len() > self.max_bytes / 8 {
            return;
        }
        inner.bytes += value.body.len();
        match inner.entries.insert(key.clone(), (Instant::now(), value)) {
            Some((_, old)) => inner.bytes -= old.body.len(),
            None => inner.order.push_back(key),
        }
        while inner.entries.len() > self.capacity || inner.bytes > self.max_bytes {
            let Some(oldest) = inner.order.pop_front() else {
                break;
            };
            if let Some((_, old)) = inner.entries.remove(&oldest) {
                inner.bytes -= old.body.len();
            }
        }
    }

    /// Forgets every response (the store changed).
    pub fn clear(&self) {
        if let Ok(mut inner) = self.inner.lock() {
            inner.entries.clear();
            inner.order.clear();
            inner.bytes = 0;
            inner.generation += 1;
        }
    }

    pub fn len(&self) -> usize {
        self.inner.lock().map_or(0, |i| i.entries.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(s: &'static str) -> Cached {
        Cached {
            content_type: "text/plain",
            body: Bytes::from_static(s.as_bytes()),
        }
    }

    #[test]
    fn keeps_evicts_and_clears() {
        let cache = ResponseCache::new(Duration::from_secs(60), 2, 1 << 20);
        for key in ["a", "b", "c"] {
            let Lookup::Miss(generation) = cache.get(key) else {
                panic!("empty cache hit");
            };
            cache.insert(key.into(), body("x"), generation);
        }
        assert_eq!(cache.len(), 2);
        assert!(matches!(cache.get("a"), Lookup::Miss(_)));
        assert!(matches!(cache.get("c"), Lookup::Hit(_)));
        let Lookup::Miss(before) = cache.get("d") else {
            panic!("d was never stored");
        };
        cache.clear();
        cache.insert("d".into(), body("stale"), before);
        assert!(matches!(cache.get("d"), Lookup::Miss(_)));
        assert_eq!(cache.len(), 0);
    }

    #[test]
    fn an_expired_response_is_offered_until_replaced() {
        let cache = ResponseCache::new(Duration::from_millis(20), 10, 1 << 20);
        cache.insert("a".into(), body("old"), 0);
        std::thread::sleep(Duration::from_millis(30));
        let Lookup::Expired(old, generation) = cache.get("a") else {
            panic!("an expired entry is offered");
        };
        assert_eq!(old.body, "old");
        cache.insert("a".into(), body("new"), generation);
        assert!(matches!(cache.get("a"), Lookup::Hit(c) if c.body == "new"));
        cache.clear();
        assert!(
            matches!(cache.get("a"), Lookup::Miss(_)),
            "a write drops it"
        );
    }

    #[test]
    fn the_byte_budget_evicts_the_oldest() {
        let cache = ResponseCache::new(Duration::from_secs(60), 100, 64);
        let big = |n| Cached {
            content_type: "text/plain",
            body: Bytes::from(vec![b'x'; n]),
        };
        cache.insert("a".into(), big(8), 0);
        cache.insert("b".into(), big(8), 0);
        cache.insert("huge".into(), big(9), 0);
        assert!(
            matches!(cache.get("huge"), Lookup::Miss(_)),
            "over an eighth"
        );
        for k in 0..8 {
            cache.insert(format!("k{k}"), big(8), 0);
        }
        assert!(matches!(cache.get("a"), Lookup::Miss(_)));
        assert!(matches!(cache.get("k7"), Lookup::Hit(_)));
        assert_eq!(cache.len(), 8);
    }

    #[test]
    fn a_zero_time_to_live_disables_it() {
        let cache = ResponseCache::new(Duration::ZERO, 10, 1 << 20);
        cache.insert("a".into(), body("x"), 0);
        assert!(matches!(cache.get("a"), Lookup::Miss(_)));
    }
}
