//! A small JSON reader for the backends' answers and `config.json`: strict RFC 8259 syntax into a
//! value tree, with typed field access that treats `null` like an absent field. It replaces
//! serde_json, whose parser, derive code and error machinery cost the wasm build about 12 KB
//! brotli for the few flat objects the app reads. Numbers are kept as their text: the app reads
//! only small unsigned integers. No browser types here.

use super::limits::{self, LimitError, MAX_DEPTH};
use std::fmt;

/// A parsed JSON value. Objects keep their members in document order.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    /// The number's text as written, already checked against the JSON grammar.
    Number(String),
    String(String),
    Array(Vec<Value>),
    Object(Vec<(String, Value)>),
}

/// Why a text could not be read, or a field not used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JsonError {
    /// Larger or deeper than any real answer (see `limits`).
    Limit(LimitError),
    /// Not JSON: the byte offset where reading stopped.
    Syntax(usize),
    /// The value, or the named field of it, has another type than expected.
    WrongType(&'static str),
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JsonError::Limit(limit) => limit.fmt(f),
            JsonError::Syntax(at) => write!(f, "not valid JSON (at byte {at})"),
            JsonError::WrongType(field) => write!(f, "\"{field}\" has the wrong type"),
        }
    }
}

/// Reads a whole text as one JSON value (whitespace around it allowed, nothing else).
pub fn parse(text: &str) -> Result<Value, JsonError> {
    limits::check(text).map_err(JsonError::Limit)?;
    let mut reader = Reader {
        bytes: text.as_bytes(),
        at: 0,
        depth: 0,
    };
    let value = reader.value()?;
    reader.skip_space();
    match reader.at == reader.bytes.len() {
        true => Ok(value),
        false => Err(JsonError::Syntax(reader.at)),
    }
}

/// Reads a text that must be a JSON object; `what` names it in the error.
pub fn parse_object(text: &str, what: &'static str) -> Result<Object, JsonError> {
    match parse(text)? {
        Value::Object(members) => Ok(Object(members)),
        _ => Err(JsonError::WrongType(what)),
    }
}

impl Value {
    /// The text of a string value.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(text) => Some(text),
            _ => None,
        }
    }

    /// The value of an integer that fits `u64` (no sign, fraction or exponent).
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Value::Number(text) => text.parse().ok(),
            _ => None,
        }
    }

    /// The member `key` of an object (the last one when a key repeats, as browsers read it).
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(members) => members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

/// A JSON object whose fields are read with the type each must have. `null` reads as absent; a
/// field of another type is an error, so a broken answer is never mistaken for a default.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Object(pub Vec<(String, Value)>);

impl Object {
    fn field(&self, key: &'static str) -> Option<&Value> {
        self.0
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
            .filter(|v| **v != Value::Null)
    }

    /// Any value of `key`, not null.
    pub fn value(&self, key: &'static str) -> Option<&Value> {
        self.field(key)
    }

    /// A string field.
    pub fn string(&self, key: &'static str) -> Result<Option<String>, JsonError> {
        match self.field(key) {
            None => Ok(None),
            Some(Value::String(text)) => Ok(Some(text.clone())),
            Some(_) => Err(JsonError::WrongType(key)),
        }
    }

    /// A boolean field; absent is `false`.
    pub fn flag(&self, key: &'static str) -> Result<bool, JsonError> {
        match self.field(key) {
            None => Ok(false),
            Some(Value::Bool(flag)) => Ok(*flag),
            Some(_) => Err(JsonError::WrongType(key)),
        }
    }

    /// An unsigned integer field no larger than `max`.
    pub fn unsigned(&self, key: &'static str, max: u64) -> Result<Option<u64>, JsonError> {
        match self.field(key) {
            None => Ok(None),
            Some(value) => value
                .as_u64()
                .filter(|n| *n <= max)
                .map(Some)
                .ok_or(JsonError::WrongType(key)),
        }
    }

    /// A list field; absent is empty.
    pub fn list(&self, key: &'static str) -> Result<&[Value], JsonError> {
        match self.field(key) {
            None => Ok(&[]),
            Some(Value::Array(items)) => Ok(items),
            Some(_) => Err(JsonError::WrongType(key)),
        }
    }

    /// A list of strings; absent is empty.
    pub fn strings(&self, key: &'static str) -> Result<Vec<String>, JsonError> {
        self.list(key)?
            .iter()
            .map(|item| item.as_str().map(str::to_string).ok_or(JsonError::WrongType(key)))
            .collect()
    }

    /// A nested object; absent, and the empty list some backends send for "nothing", are empty.
    pub fn object(&self, key: &'static str) -> Result<Object, JsonError> {
        match self.field(key) {
            None => Ok(Object::default()),
            Some(Value::Object(members)) => Ok(Object(members.clone())),
            Some(Value::Array(items)) if items.is_empty() => Ok(Object::default()),
            Some(_) => Err(JsonError::WrongType(key)),
        }
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    depth: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn error<T>(&self) -> Result<T, JsonError> {
        Err(JsonError::Syntax(self.at))
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        self.skip_space();
        let found = self.peek() == Some(byte);
        self.at += usize::from(found);
        found
    }

    fn value(&mut self) -> Result<Value, JsonError> {
        self.skip_space();
        match self.peek() {
            Some(b'{') => self
                .nested(b'}', |r| {
                    let key = match r.peek() {
                        Some(b'"') => r.string()?,
                        _ => return r.error(),
                    };
                    if !r.eat(b':') {
                        return r.error();
                    }
                    Ok((key, r.value()?))
                })
                .map(Value::Object),
            Some(b'[') => self.nested(b']', Reader::value).map(Value::Array),
            Some(b'"') => self.string().map(Value::String),
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'n') => self.literal("null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => self.error(),
        }
    }

    /// Reads `[items]` or `{members}` (the opening byte is next), one item at a time.
    fn nested<T>(
        &mut self,
        close: u8,
        mut item: impl FnMut(&mut Self) -> Result<T, JsonError>,
    ) -> Result<Vec<T>, JsonError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(JsonError::Limit(LimitError::TooDeep));
        }
        self.at += 1;
        let mut items = Vec::new();
        if !self.eat(close) {
            loop {
                self.skip_space();
                items.push(item(self)?);
                if self.eat(close) {
                    break;
                }
                if !self.eat(b',') {
                    return self.error();
                }
            }
        }
        self.depth -= 1;
        Ok(items)
    }

    fn literal(&mut self, word: &str, value: Value) -> Result<Value, JsonError> {
        if self.bytes[self.at..].starts_with(word.as_bytes()) {
            self.at += word.len();
            Ok(value)
        } else {
            self.error()
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
        self.at - start
    }

    fn number(&mut self) -> Result<Value, JsonError> {
        let start = self.at;
        self.at += usize::from(self.peek() == Some(b'-'));
        let leading_zero = self.peek() == Some(b'0');
        let whole = self.digits();
        let mut valid = whole == 1 || (whole > 1 && !leading_zero);
        if self.peek() == Some(b'.') {
            self.at += 1;
            valid &= self.digits() > 0;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            self.at += usize::from(matches!(self.peek(), Some(b'+' | b'-')));
            valid &= self.digits() > 0;
        }
        match valid {
            // The slice is ASCII digits and signs, so it is valid UTF-8.
            true => Ok(Value::Number(
                String::from_utf8_lossy(&self.bytes[start..self.at]).into_owned(),
            )),
            false => self.error(),
        }
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let digits = self.bytes.get(self.at..self.at + 4).ok_or(JsonError::Syntax(self.at))?;
        let mut code = 0;
        for digit in digits {
            code = code * 16 + char::from(*digit).to_digit(16).ok_or(JsonError::Syntax(self.at))?;
        }
        self.at += 4;
        Ok(code)
    }

    /// Reads a string (the opening quote is next). The text is valid UTF-8 already, so runs of
    /// plain bytes are copied whole; only escapes are decoded.
    fn string(&mut self) -> Result<String, JsonError> {
        self.at += 1;
        let mut out = Vec::new();
        loop {
            let start = self.at;
            while matches!(self.peek(), Some(byte) if byte != b'"' && byte != b'\\' && byte >= 0x20) {
                self.at += 1;
            }
            out.extend_from_slice(&self.bytes[start..self.at]);
            match self.peek() {
                Some(b'"') => {
                    self.at += 1;
                    return String::from_utf8(out).map_err(|_| JsonError::Syntax(self.at));
                }
                Some(b'\\') => self.at += 1,
                _ => return self.error(),
            }
            let escaped = match self.peek() {
                Some(b'"') => '"',
                Some(b'\\') => '\\',
                Some(b'/') => '/',
                Some(b'b') => '\u{8}',
                Some(b'f') => '\u{c}',
                Some(b'n') => '\n',
                Some(b'r') => '\r',
                Some(b't') => '\t',
                Some(b'u') => {
                    self.at += 1;
                    let mut code = self.hex4()?;
                    if (0xD800..0xDC00).contains(&code) && self.bytes[self.at..].starts_with(b"\\u") {
                        self.at += 2;
                        let low = self.hex4()?;
                        if !(0xDC00..0xE000).contains(&low) {
                            return self.error();
                        }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                    }
                    // A lone surrogate is not a character.
                    let decoded = char::from_u32(code).ok_or(JsonError::Syntax(self.at))?;
                    out.extend_from_slice(decoded.encode_utf8(&mut [0; 4]).as_bytes());
                    continue;
                }
                _ => return self.error(),
            };
            self.at += 1;
            out.push(escaped as u8);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn string(text: &str) -> Value {
        Value::String(text.into())
    }

    #[test]
    fn reads_every_kind_of_value() {
        assert_eq!(
            parse(r#" {"a": [1, -2.5e3, true, false, null], "b": {"c": "d"}, "e": {}, "f": []} "#),
            Ok(Value::Object(vec![
                (
                    "a".into(),
                    Value::Array(vec![
                        Value::Number("1".into()),
                        Value::Number("-2.5e3".into()),
                        Value::Bool(true),
                        Value::Bool(false),
                        Value::Null
                    ])
                ),
                ("b".into(), Value::Object(vec![("c".into(), string("d"))])),
                ("e".into(), Value::Object(vec![])),
                ("f".into(), Value::Array(vec![])),
            ]))
        );
    }

    #[test]
    fn decodes_escapes_and_keeps_unicode() {
        assert_eq!(
            parse(r#""a\"b\\c\/d\n\t\u00e9\ud83d\ude00""#),
            Ok(string("a\"b\\c/d\n\té😀"))
        );
        assert_eq!(parse("\"Привет, мир\""), Ok(string("Привет, мир")));
        assert_eq!(parse(r#""\b\f\r""#), Ok(string("\u{8}\u{c}\r")));
    }

    #[test]
    fn refuses_what_is_not_json() {
        for text in [
            "",
            "<html>",
            "{",
            "{\"a\"}",
            "{\"a\":1,}",
            "[1,]",
            "[1 2]",
            "{a:1}",
            "'a'",
            "01",
            "1.",
            "-",
            "1e",
            ".5",
            "tru",
            "nul",
            "\"open",
            "\"tab\there\"",
            r#""\x""#,
            r#""\ud83d""#,
            r#""\udc00""#,
            r#""\u12""#,
            "{} {}",
            "[1]]",
            "{\"a\":1}x",
        ] {
            assert!(matches!(parse(text), Err(JsonError::Syntax(_))), "{text:?} was read");
        }
    }

    #[test]
    fn limits_apply_before_reading() {
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        assert_eq!(parse(&deep), Err(JsonError::Limit(LimitError::TooDeep)));
        let deep_enough = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&deep_enough).is_ok());
    }

    #[test]
    fn numbers_read_as_unsigned_only_when_whole() {
        assert_eq!(parse("42").map(|v| v.as_u64()), Ok(Some(42)));
        assert_eq!(parse("0").map(|v| v.as_u64()), Ok(Some(0)));
        for text in ["-1", "1.5", "1e3", "99999999999999999999999", "\"5\""] {
            assert_eq!(parse(text).map(|v| v.as_u64()), Ok(None), "{text}");
        }
    }

    #[test]
    fn typed_fields_treat_null_as_absent_and_refuse_other_types() {
        let object = parse_object(
            r#"{"s":"x","n":null,"b":true,"u":7,"l":["a","b"],"o":{"k":"v"},"e":[],"s":"last"}"#,
            "body",
        )
        .expect("an object");
        assert_eq!(
            object.string("s"),
            Ok(Some("last".into())),
            "the last of a repeated key"
        );
        assert_eq!(object.string("n"), Ok(None));
        assert_eq!(object.string("missing"), Ok(None));
        assert_eq!(object.string("b"), Err(JsonError::WrongType("b")));
        assert_eq!(object.flag("b"), Ok(true));
        assert_eq!(object.flag("n"), Ok(false));
        assert_eq!(object.flag("u"), Err(JsonError::WrongType("u")));
        assert_eq!(object.unsigned("u", 10), Ok(Some(7)));
        assert_eq!(object.unsigned("u", 5), Err(JsonError::WrongType("u")));
        assert_eq!(object.strings("l"), Ok(vec!["a".to_string(), "b".to_string()]));
        assert_eq!(object.strings("missing"), Ok(vec![]));
        assert_eq!(object.strings("o"), Err(JsonError::WrongType("o")));
        assert_eq!(object.object("o").map(|o| o.string("k")), Ok(Ok(Some("v".into()))));
        assert_eq!(object.object("e"), Ok(Object::default()), "[] is an empty object");
        assert_eq!(object.object("l"), Err(JsonError::WrongType("l")));
        assert_eq!(parse_object("[1]", "body"), Err(JsonError::WrongType("body")));
    }
}
