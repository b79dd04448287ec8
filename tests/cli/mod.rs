mod bad_input;
mod common;
mod crash;
mod eval_triage;
mod ocr_command;
mod scan;
mod search;
mod triage;
