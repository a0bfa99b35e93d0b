//! Reading JSON text within limits, shared by the API answers, `config.json` and the language
//! catalogues: size and nesting are checked before serde sees the text. No browser types here.

pub mod limits;

use serde::de::value::MapAccessDeserializer;
use serde::de::{self, DeserializeOwned, IgnoredAny, MapAccess, SeqAccess, Visitor};
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

/// A value of free-form data (a B2Core wizard step's `data`, an error body's `message`, the fields
/// of `config.json`), kept only
/// as far as the app reads it, so a field of an odd type reads as absent instead of losing the
/// answer. One type for every such field: each distinct type read is code in the page.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Loose<T> {
    /// Absent, `null` or an empty list.
    #[default]
    Absent,
    Text(String),
    /// A whole number from 0 up.
    Count(u64),
    Object(Box<T>),
    /// Anything else: a flag, a negative or fractional number, a list with items.
    Other,
}

impl<T> Loose<T> {
    /// The text, trimmed; blank reads as absent.
    pub fn text(&self) -> Option<String> {
        match self {
            Loose::Text(text) => Some(text.trim()).filter(|text| !text.is_empty()).map(str::to_string),
            _ => None,
        }
    }

    pub fn count(&self) -> Option<u64> {
        match self {
            Loose::Count(n) => Some(*n),
            _ => None,
        }
    }

    pub fn object(&self) -> Option<&T> {
        match self {
            Loose::Object(object) => Some(object),
            _ => None,
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Loose<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(LooseVisitor(PhantomData))
    }
}

struct LooseVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for LooseVisitor<T> {
    type Value = Loose<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Loose<T>, E> {
        Ok(Loose::Other)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Loose<T>, E> {
        Ok(Loose::Other)
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<Loose<T>, E> {
        Ok(Loose::Count(n))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Loose<T>, E> {
        Ok(Loose::Other)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Loose<T>, E> {
        Ok(Loose::Text(text.to_string()))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Loose<T>, E> {
        Ok(Loose::Absent)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Loose<T>, A::Error> {
        if seq.next_element::<IgnoredAny>()?.is_none() {
            return Ok(Loose::Absent);
        }
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Loose::Other)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Loose<T>, A::Error> {
        T::deserialize(de::value::MapAccessDeserializer::new(map)).map(|object| Loose::Object(Box::new(object)))
    }
}
