//! Writing CSV files for spreadsheets: UTF-8 with a byte-order mark (so
//! Excel reads æ, ø and å), and every cell that a spreadsheet would run as a
//! formula (beginning with `=`, `+`, `-`, `@`, a tab or a carriage return)
//! prefixed with an apostrophe, so it is shown as the text it is.

/// A cell made safe to open in a spreadsheet.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// A CSV file of a header row and data rows.
pub fn write_csv<Row: AsRef<[String]>>(
    headers: &[&str],
    rows: &[Row],
) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(vec![0xEF, 0xBB, 0xBF]);
    writer.write_record(headers.iter().map(|cell| neutralise(cell).into_owned()))?;
    for row in rows {
        writer.write_record(
            row.as_ref()
                .iter()
                .map(|cell| neutralise(cell).into_owned()),
        )?;
    }
    writer
        .into_inner()
        .map_err(|error| error.into_error().into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn read_back(bytes: &[u8]) -> Vec<Vec<String>> {
        assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "byte-order mark");
        csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(&bytes[3..])
            .records()
            .map(|record| record.expect("record").iter().map(str::to_owned).collect())
            .collect()
    }

    #[test]
    fn formula_cells_are_neutralised_and_others_kept() {
        assert_eq!(neutralise("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
        assert_eq!(neutralise("+45 12"), "'+45 12");
        assert_eq!(neutralise("-1"), "'-1");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("\tx"), "'\tx");
        assert_eq!(neutralise("\rx"), "'\rx");
        assert_eq!(neutralise("Århus 70 %"), "Århus 70 %");
        assert_eq!(neutralise(""), "");
        assert!(matches!(neutralise("42"), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn formulas_are_shown_as_text_and_danish_letters_survive() {
        let bytes = write_csv(
            &["Navn", "Note"],
            &[vec!["Søren Ærø".into(), "=cmd|' /C calc'!A0".into()]],
        )
        .expect("csv");
        let rows = read_back(&bytes);
        assert_eq!(rows[1], ["Søren Ærø", "'=cmd|' /C calc'!A0"]);
    }

    proptest! {
        #[test]
        fn no_exported_cell_starts_like_a_formula(
            rows in proptest::collection::vec(proptest::collection::vec("(?s).{0,24}", 3), 0..12)
        ) {
            let bytes = write_csv(&["a", "b", "c"], &rows).expect("csv");
            let read = read_back(&bytes);
            prop_assert_eq!(read.len(), rows.len() + 1);
            for (written, original) in read.iter().skip(1).zip(&rows) {
                for (cell, typed) in written.iter().zip(original) {
                    prop_assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "{:?}", cell);
                    let quoted = ["'", typed.as_str()].concat();
                    prop_assert!(cell == typed || *cell == quoted);
                }
            }
        }
    }
}
