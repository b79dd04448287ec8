//! One error shape for every answer that is not a success:
//! `{"error": {"code": "snake_case", "message": "..."}}`, with a stable code. Rejections of
//! malformed JSON, query strings and uploads get the same shape. The user's mistakes get
//! a 4xx and a message they can act on; internal failures are logged and answered with a
//! generic 500.

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use serde_json::json;
use types::Fault;

/// An error answered to an HTTP client.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    /// Seconds, for `Retry-After` on 429.
    pub retry_after: Option<u64>,
    /// The methods a path accepts, for `Allow` on 405.
    pub allow: Option<String>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            code,
            message: message.into(),
            retry_after: None,
            allow: None,
        }
    }

    pub fn bad_request(code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, code, message)
    }

    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, "not_found", message)
    }

    pub fn unauthorized() -> ApiError {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "log in, or send an API token as `Authorization: Bearer ...`",
        )
    }

    pub fn forbidden(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::FORBIDDEN, "forbidden", message)
    }

    /// An internal failure: logged in full, answered without details.
    pub fn internal(e: impl std::fmt::Display) -> ApiError {
        tracing::error!("internal error: {e}");
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal_error",
            "something went wrong on the server; it has been logged",
        )
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({}): {}", self.status, self.code, self.message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = json!({"error": {"code": self.code, "message": self.message}});
        let mut response = (self.status, axum::Json(body)).into_response();
        if let Some(s) = self.retry_after {
            if let Ok(v) = HeaderValue::from_str(&s.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, v);
            }
        }
        if let Some(allow) = self.allow.as_deref() {
            if let Ok(v) = HeaderValue::from_str(allow) {
                response.headers_mut().insert(header::ALLOW, v);
            }
        }
        response
    }
}

impl ApiError {
    /// The answer for a failure classed by [`Fault`]: the caller's mistakes get a 4xx with the
    /// error's own code and message; set-up and internal failures are logged in full and
    /// answered without details (503 and 500).
    fn classed(fault: Fault, code: &'static str, e: impl std::fmt::Display) -> ApiError {
        match fault {
            Fault::Input => ApiError::bad_request(code, e.to_string()),
            Fault::NotFound => ApiError::new(StatusCode::NOT_FOUND, code, e.to_string()),
            Fault::Setup => {
                tracing::error!("set-up problem ({code}): {e}");
                ApiError::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    code,
                    "the server is not set up to do this now; an administrator has been told",
                )
            }
            Fault::Internal => ApiError::internal(e),
        }
    }
}

impl From<service::Error> for ApiError {
    fn from(e: service::Error) -> ApiError {
        ApiError::classed(e.fault(), e.code(), e)
    }
}

impl From<index::Error> for ApiError {
    fn from(e: index::Error) -> ApiError {
        ApiError::classed(e.fault(), e.code(), e)
    }
}

impl From<JsonRejection> for ApiError {
    fn from(r: JsonRejection) -> ApiError {
        let (status, code) = match &r {
            JsonRejection::MissingJsonContentType(_) => {
                (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type")
            }
            JsonRejection::JsonSyntaxError(_) => (StatusCode::BAD_REQUEST, "malformed_json"),
            JsonRejection::JsonDataError(_) => (StatusCode::UNPROCESSABLE_ENTITY, "invalid_json"),
            _ => (r.status(), "invalid_body"),
        };
        if status == StatusCode::PAYLOAD_TOO_LARGE {
            return ApiError::new(status, "payload_too_large", "the request body is too large");
        }
        ApiError::new(status, code, r.body_text())
    }
}

impl From<QueryRejection> for ApiError {
    fn from(r: QueryRejection) -> ApiError {
        ApiError::bad_request("invalid_query_string", r.body_text())
    }
}

/// `axum::Json` whose rejection is an [`ApiError`].
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;
    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let axum::Json(v) = axum::Json::<T>::from_request(req, state).await?;
        Ok(ApiJson(v))
    }
}

/// `axum::extract::Query` whose rejection is an [`ApiError`].
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let axum::extract::Query(v) =
            axum::extract::Query::<T>::from_request_parts(parts, state).await?;
        Ok(ApiQuery(v))
    }
}

/// The answer to a request no route matches.
pub async fn not_found() -> ApiError {
    ApiError::not_found("no such page or API route")
}

pub type ApiResult<T> = Result<T, ApiError>;

/// `axum::extract::Path` whose rejection is an [`ApiError`].
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiPath<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for ApiPath<T> {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(v)) => Ok(ApiPath(v)),
            Err(r) => Err(ApiError::bad_request("invalid_path", r.body_text())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_errors_are_answered_by_who_is_at_fault() {
        let not_a_scan = ApiError::from(service::Error::from(ocr::Error::UnsupportedFormat {
            magic: "%!PS".into(),
        }));
        assert_eq!(not_a_scan.status, StatusCode::BAD_REQUEST);
        assert_eq!(not_a_scan.code, "not_a_scan");
        assert!(not_a_scan.message.contains("not a scan"), "{not_a_scan}");

        let no_model = ApiError::from(service::Error::from(triage::Error::Model {
            path: "/srv/models/secret-path".into(),
            reason: "missing".into(),
        }));
        assert_eq!(no_model.status, StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(no_model.code, "model_unavailable");
        assert!(
            !no_model.message.contains("secret-path"),
            "set-up details stay in the log: {no_model}"
        );

        let gone = ApiError::from(service::Error::NotFound("no such letter".into()));
        assert_eq!(
            (gone.status, gone.code),
            (StatusCode::NOT_FOUND, "not_found")
        );

        let bad_query = ApiError::from(service::Error::from(index::Error::InvalidQuery {
            query: "a AND".into(),
            reason: "dangling AND".into(),
        }));
        assert_eq!(
            (bad_query.status, bad_query.code),
            (StatusCode::BAD_REQUEST, "invalid_query")
        );

        let crash = ApiError::from(service::Error::Pipeline("thread panicked".into()));
        assert_eq!(crash.status, StatusCode::INTERNAL_SERVER_ERROR);
        assert!(!crash.message.contains("panicked"));
    }
}
