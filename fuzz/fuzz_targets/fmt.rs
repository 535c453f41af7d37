//! One `.rules` file, as bytes, through `kaohe fmt`: a file that parses
//! must format (the formatter's own check failing is a bug), and the
//! formatted text must parse to the same syntax tree (spans aside) with the
//! same comments, and be a fixed point: formatting it again changes nothing.
//! A file that does not parse must be refused by the formatter too.

#![no_main]

use kaohe::source::SourceFile;
use kaohe::syntax::format::{comments, format_source};
use kaohe::syntax::FormatError;
use libfuzzer_sys::fuzz_target;

/// The syntax tree's `Debug` with every span blanked: formatting moves
/// spans and nothing else.
fn tree(file: &SourceFile) -> Option<String> {
    let ast = kaohe::syntax::parse_file(file).ok()?;
    let debug = format!("{:?}", ast.items);
    let mut out = String::with_capacity(debug.len());
    let mut rest = debug.as_str();
    while let Some(at) = rest.find("Span { start: ") {
        out.push_str(&rest[..at]);
        out.push_str("Span");
        let after = &rest[at..];
        let end = after.find(" }").map_or(after.len(), |e| e + 2);
        rest = &after[end..];
    }
    out.push_str(rest);
    Some(out)
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

fuzz_target!(|data: &[u8]| {
    let Ok(file) = SourceFile::decode("fuzz.rules".to_string(), data.to_vec()) else {
        return;
    };
    let Some(before) = tree(&file) else {
        assert!(
            matches!(format_source(&file), Err(FormatError::Syntax(_))),
            "a file that does not parse was not refused as such"
        );
        return;
    };
    let formatted = match format_source(&file) {
        Ok(formatted) => formatted,
        Err(FormatError::Syntax(err)) => panic!("the file parses, but fmt says it does not: {err:?}"),
        Err(err) => panic!("the formatter failed its own check: {err:?}"),
    };
    let again = SourceFile::new("fuzz.rules", &formatted);
    let after = tree(&again).unwrap_or_else(|| panic!("the formatted text does not parse:\n{formatted}"));
    assert_eq!(before, after, "formatting changed the syntax tree:\n{formatted}");
    assert_eq!(
        comments(&file.text).map(sorted),
        comments(&formatted).map(sorted),
        "formatting changed the comments:\n{formatted}"
    );
    match format_source(&again) {
        Ok(twice) => assert_eq!(twice, formatted, "formatting twice changes the text again"),
        Err(err) => panic!("the formatted text cannot be formatted again: {err:?}"),
    }
});
