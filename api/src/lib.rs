//! paperlite-api
