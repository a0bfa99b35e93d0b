//! Request bodies: flat JSON objects of strings, which is all the dialects send. Written by hand
//! because serde_json's serializer (and the float printer it links) cost more wasm than the app's
//! whole request layer; see BENCHMARKS.md.

/// `{"name":"value",…}` with the values escaped as JSON strings.
pub fn object(fields: &[(&str, &str)]) -> String {
    let mut out = String::from("{");
    for (i, (name, value)) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        string(&mut out, name);
        out.push(':');
        string(&mut out, value);
    }
    out.push('}');
    out
}

fn string(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                out.push_str("\\u00");
                out.push(HEX[(c as usize) >> 4] as char);
                out.push(HEX[(c as usize) & 15] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::object;

    #[test]
    fn writes_what_serde_json_reads_back() {
        let tricky = "quote \" backslash \\ newline \n tab \t bell \u{7} é 😀 </script>";
        let body = object(&[("email", "a@example.com"), ("password", tricky)]);
        let value: serde_json::Value = serde_json::from_str(&body).expect("valid JSON");
        assert_eq!(value["email"], "a@example.com");
        assert_eq!(value["password"], tricky);
        assert_eq!(object(&[]), "{}");
        assert_eq!(object(&[("a", "b"), ("c", "")]), r#"{"a":"b","c":""}"#);
    }
}
