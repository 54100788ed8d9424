//! The server's typed errors: what keeps it from starting ([`ServerError`]) and what a request is
//! answered with when it fails ([`ApiError`]: a status code and a message for people).

use std::io;
use std::net::SocketAddr;

use axum::http::StatusCode;
use vigie_core::knowledge::tsv::DataError;
use vigie_store::StoreError;

/// Why the server could not start or stopped. The cause is the error's `source()`, so that a caller
/// printing the chain shows each part once.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error("cannot listen on {addr}")]
    Bind {
        addr: SocketAddr,
        #[source]
        source: io::Error,
    },
    #[error("cannot open the event store")]
    Store(#[from] StoreError),
    #[error("the embedded knowledge base is invalid")]
    Knowledge(#[from] DataError),
    #[error("invalid configuration: {0}")]
    Config(String),
    #[error("the server failed")]
    Io(#[from] io::Error),
    #[error("the server thread stopped unexpectedly")]
    Crashed,
}

/// A failed request. Every variant maps to one status code; the message names the parameter, id or
/// limit involved so that a client can fix its request.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("invalid parameter `{name}`: {message}")]
    BadParameter { name: String, message: String },
    #[error("unknown parameter `{0}`")]
    UnknownParameter(String),
    #[error("invalid request body: {0}")]
    BadBody(String),
    #[error("invalid request: {0}")]
    BadRequest(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Unauthorized(&'static str),
    #[error(
        "this server is read-only: it accepts documents only when started with a token \
         (VIGIE_TOKEN or --token-file)"
    )]
    ReadOnly,
    #[error("the request body is larger than the {limit}-byte limit")]
    TooLarge { limit: usize },
    #[error("unsupported content type {0:?}: send application/json")]
    UnsupportedMediaType(String),
    #[error("method not allowed")]
    MethodNotAllowed,
    #[error("internal error: {0}")]
    Internal(String),
}

impl ApiError {
    pub fn bad_parameter(name: &str, message: impl Into<String>) -> ApiError {
        ApiError::BadParameter {
            name: name.to_string(),
            message: message.into(),
        }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::BadParameter { .. }
            | ApiError::UnknownParameter(_)
            | ApiError::BadBody(_)
            | ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            ApiError::ReadOnly => StatusCode::FORBIDDEN,
            ApiError::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> ApiError {
        match e {
            StoreError::InvalidArgument(message) => ApiError::BadRequest(message),
            StoreError::BadCursor(cursor) => ApiError::BadParameter {
                name: "after".into(),
                message: format!("{cursor:?} is not a page cursor this server handed out"),
            },
            StoreError::NoSuchDocument(id) => ApiError::NotFound(format!("no document {id}")),
            other => ApiError::Internal(other.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_errors_map_to_client_or_server_errors() {
        let bad: ApiError = StoreError::BadCursor("x".into()).into();
        assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
        assert!(bad.to_string().contains("`after`"), "{bad}");
        let missing: ApiError = StoreError::NoSuchDocument(vigie_store::DocId(4)).into();
        assert_eq!(missing.status(), StatusCode::NOT_FOUND);
        let broken: ApiError = StoreError::Corrupt {
            what: "date",
            detail: "x".into(),
        }
        .into();
        assert_eq!(broken.status(), StatusCode::INTERNAL_SERVER_ERROR);
    }
}
