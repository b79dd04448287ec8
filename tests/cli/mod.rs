mod bad_input;
mod common;
mod crash;
mod ocr_command;
mod scan;
mod search;
mod serve;
mod triage;
