//! Reading JSON text within limits, shared by the API answers, `config.json` and the language
//! catalogues: size and nesting are checked before serde sees the text. No browser types here.

pub mod limits;

use serde::de::value::MapAccessDeserializer;
use serde::de::{DeserializeOwned, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use std::fmt;
use std::marker::PhantomData;

/// JSON text that could not be read, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WireError(pub String);

impl fmt::Display for WireError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<serde_json::Error> for WireError {
    fn from(error: serde_json::Error) -> Self {
        WireError(error.to_string())
    }
}

impl From<limits::LimitError> for WireError {
    fn from(error: limits::LimitError) -> Self {
        WireError(error.to_string())
    }
}

/// The characters JSON allows around a value.
pub const JSON_SPACE: [char; 4] = [' ', '\t', '\n', '\r'];

/// Reads JSON text of any shape into `T`, after the size and nesting limits.
pub fn from_json<T: DeserializeOwned>(text: &str) -> Result<T, WireError> {
    limits::check(text)?;
    Ok(serde_json::from_str(text)?)
}

/// Reads an answer that must be a JSON object. serde would also fill a struct from a JSON list,
/// field by field in order; an answer of that shape is not one of ours.
pub fn from_object<T: DeserializeOwned>(text: &str) -> Result<T, WireError> {
    limits::check(text)?;
    if !text.trim_start_matches(JSON_SPACE).starts_with('{') {
        return Err(WireError("the answer is not a JSON object".into()));
    }
    let mut reader = serde_json::Deserializer::from_str(text);
    let value = reader.deserialize_map(ObjectVisitor(PhantomData))?;
    reader.end()?;
    Ok(value)
}

/// Hands the fields of a JSON object to `T`. Asked for as a map, not as a struct, so the code a
/// derived `Deserialize` has for reading a struct from a list is never compiled in.
struct ObjectVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::deserialize(MapAccessDeserializer::new(map))
    }
}
