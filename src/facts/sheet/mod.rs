//! Facts in a spreadsheet: the summary layout of [`layout`], read into the
//! same [`Quarter`](super::Quarter) as a facts JSON file.

pub mod layout;
