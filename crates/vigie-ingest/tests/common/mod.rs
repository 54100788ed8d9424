//! A small HTTP/1.1 server on 127.0.0.1 for the network tests: it serves the fixture feeds and pages,
//! and misbehaves on purpose (errors, slowness, huge and non-HTML bodies, redirects, 304 answers).

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use vigie_ingest::{HttpClient, HttpOptions};

/// One request as the server received it.
#[derive(Clone, Debug)]
pub struct Request {
    pub path: String,
    pub headers: Vec<(String, String)>,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// One response to send.
pub struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    delay: Duration,
    declare_length: bool,
}

impl Reply {
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status,
            headers: vec![("Content-Type".to_string(), content_type.to_string())],
            body: body.into(),
            delay: Duration::ZERO,
            declare_length: true,
        }
    }

    pub fn status(status: u16) -> Reply {
        Reply::new(
            status,
            "text/html",
            format!("<html><body>error {status}</body></html>"),
        )
    }

    pub fn header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    /// Waits before answering at all.
    pub fn delayed(mut self, delay: Duration) -> Reply {
        self.delay = delay;
        self
    }

    /// Sends the body without a Content-Length, ended by closing the connection.
    pub fn without_length(mut self) -> Reply {
        self.declare_length = false;
        self
    }
}

type Handler = dyn Fn(&Request, &str) -> Reply + Send + Sync;

/// A running server; it lives as long as the test process.
pub struct TestServer {
    pub base: String,
    requests: Arc<Mutex<Vec<Request>>>,
}

impl TestServer {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The requests received for a path, in order.
    pub fn requests_for(&self, path: &str) -> Vec<Request> {
        self.requests
            .lock()
            .unwrap()
            .iter()
            .filter(|r| r.path == path)
            .cloned()
            .collect()
    }

    pub fn all_requests(&self) -> Vec<Request> {
        self.requests.lock().unwrap().clone()
    }
}

/// Starts a server answering with `handler`, which receives the request and the server's base URL.
pub fn start(handler: impl Fn(&Request, &str) -> Reply + Send + Sync + 'static) -> TestServer {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
    let base = format!("http://{}", listener.local_addr().unwrap());
    let requests = Arc::new(Mutex::new(Vec::new()));
    let handler: Arc<Handler> = Arc::new(handler);
    {
        let base = base.clone();
        let requests = Arc::clone(&requests);
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let handler = Arc::clone(&handler);
                let requests = Arc::clone(&requests);
                let base = base.clone();
                thread::spawn(move || serve(stream, &*handler, &requests, &base));
            }
        });
    }
    TestServer { base, requests }
}

fn serve(stream: TcpStream, handler: &Handler, requests: &Mutex<Vec<Request>>, base: &str) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    });
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    let path = request_line
        .split_whitespace()
        .nth(1)
        .unwrap_or("/")
        .to_string();
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_string(), value.trim().to_string()));
        }
    }
    let request = Request { path, headers };
    requests.lock().unwrap().push(request.clone());
    let reply = handler(&request, base);
    thread::sleep(reply.delay);
    let mut head = format!("HTTP/1.1 {} {}\r\n", reply.status, reason(reply.status));
    for (name, value) in &reply.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if reply.declare_length {
        head.push_str(&format!("Content-Length: {}\r\n", reply.body.len()));
    }
    head.push_str("Connection: close\r\n\r\n");
    let mut stream = stream;
    // The client may hang up early (a timeout, a size limit): write errors are expected then.
    if stream.write_all(head.as_bytes()).is_err() {
        return;
    }
    for chunk in reply.body.chunks(16 * 1024) {
        if stream.write_all(chunk).is_err() {
            return;
        }
    }
    let _ = stream.flush();
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        302 => "Found",
        304 => "Not Modified",
        404 => "Not Found",
        500 => "Internal Server Error",
        _ => "Status",
    }
}

pub fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/web")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The responses of the fixture site.
pub fn fixture_site(request: &Request, base: &str) -> Reply {
    let served = |name: &str| fixture(name).replace("{{base}}", base);
    let path = request.path.as_str();
    if let Some(rest) = path.strip_prefix("/redirect/") {
        let hops: u32 = rest.parse().unwrap_or(0);
        let next = if hops == 0 {
            "/articles/dakar.html".to_string()
        } else {
            format!("/redirect/{}", hops - 1)
        };
        return Reply::new(302, "text/html", "").header("Location", &next);
    }
    match path {
        "/feeds/rss.xml" => Reply::new(200, "application/rss+xml", served("rss.xml")),
        "/feeds/atom.xml" => Reply::new(200, "application/atom+xml", served("atom.xml")),
        "/feeds/malformed.xml" => Reply::new(200, "application/rss+xml", served("malformed.xml")),
        "/feeds/conditional.xml" => {
            if request.header("If-None-Match") == Some("\"v1\"") {
                Reply::new(304, "application/rss+xml", "").header("ETag", "\"v1\"")
            } else {
                Reply::new(200, "application/rss+xml", served("rss.xml"))
                    .header("ETag", "\"v1\"")
                    .header("Last-Modified", "Tue, 16 Sep 2025 08:00:00 GMT")
            }
        }
        "/articles/mali.html" => Reply::new(200, "text/html; charset=utf-8", served("mali.html")),
        "/articles/niger.html" => Reply::new(200, "text/html; charset=utf-8", served("niger.html")),
        "/articles/dakar.html" => Reply::new(200, "text/html; charset=utf-8", served("dakar.html")),
        "/articles/latin1.html" => Reply::new(
            200,
            "text/html; charset=iso-8859-1",
            b"<html><body><p>Le pr\xe9sident a re\xe7u l'ambassadeur \xe0 l'\xc9lys\xe9e mardi.</p></body></html>"
                .to_vec(),
        ),
        "/notes.txt" => Reply::new(200, "text/plain; charset=utf-8", "The ministers met in Dakar.\n"),
        "/files/report.pdf" => Reply::new(200, "application/pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec()),
        "/files/photo.png" => Reply::new(200, "image/png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec()),
        "/broken" => Reply::status(500),
        "/slow" => Reply::new(200, "text/html", served("dakar.html")).delayed(Duration::from_secs(3)),
        "/huge" => Reply::new(200, "text/html", huge_page()),
        "/huge-stream" => Reply::new(200, "text/html", huge_page()).without_length(),
        _ => Reply::status(404),
    }
}

/// A page well past the tests' 64 KiB response limit.
fn huge_page() -> Vec<u8> {
    let mut page = String::from("<html><body>");
    while page.len() < 300 * 1024 {
        page.push_str("<p>Le gouvernement a publié un nouveau communiqué sur la situation.</p>\n");
    }
    page.push_str("</body></html>");
    page.into_bytes()
}

/// Short limits so that the failure cases stay fast; proxies from the environment are ignored so the
/// requests stay on the loopback interface.
pub fn test_options() -> HttpOptions {
    HttpOptions {
        connect_timeout: Duration::from_secs(1),
        timeout: Duration::from_secs(1),
        max_response_bytes: 64 * 1024,
        max_redirects: 5,
        use_env_proxy: false,
        ..HttpOptions::default()
    }
}

pub fn test_client() -> HttpClient {
    HttpClient::new(test_options())
}
