//! A small JSON reader and writer for the scenario file format. The page reads and writes scenarios
//! (files, saved scenarios, embed messages) and the WebAssembly module has a size budget: serde's derived
//! visitors and serde_json together cost it ~28 KB gzip, this module a fraction of that. Numbers keep
//! their text, so a seed above 2^53 reads back exactly.

use crate::lang::{say, t};
use std::fmt::Write;

/// A JSON value. Object members keep their order (a writer's order is a reader's order).
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    /// The number as written (already checked to be a JSON number).
    Number(String),
    String(String),
    Array(Vec<Value>),
    Object(Vec<(String, Value)>),
}

/// Why a text is not JSON, and where (byte offset).
#[derive(Clone, Debug, PartialEq)]
pub struct SyntaxError {
    pub offset: usize,
    pub message: String,
}

/// Nesting deeper than this is refused (a scenario is four levels deep; a hostile text must not
/// overflow the stack).
const MAX_DEPTH: usize = 64;

struct Reader<'a> {
    text: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn fail<T>(&self, message: impl Into<String>) -> Result<T, SyntaxError> {
        Err(SyntaxError { offset: self.at, message: message.into() })
    }

    fn skip_space(&mut self) {
        while self.text.get(self.at).is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn peek(&mut self) -> Option<u8> {
        self.skip_space();
        self.text.get(self.at).copied()
    }

    fn expect(&mut self, byte: u8, what: &str) -> Result<(), SyntaxError> {
        match self.peek() {
            Some(b) if b == byte => {
                self.at += 1;
                Ok(())
            }
            None => self.fail(say("EOF while parsing {what}", &[("what", &what)])),
            Some(_) => self.fail(say("expected `{mark}` in {what}", &[("mark", &(byte as char)), ("what", &what)])),
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value, SyntaxError> {
        if depth > MAX_DEPTH {
            return self.fail(t("nested too deeply"));
        }
        match self.peek() {
            None => self.fail(t("EOF while parsing a value")),
            Some(b'{') => {
                self.at += 1;
                let mut members = Vec::new();
                if self.closes(b'}') {
                    return Ok(Value::Object(members));
                }
                loop {
                    match self.peek() {
                        Some(b'"') => {}
                        None => return self.fail(t("EOF while parsing an object")),
                        Some(_) => return self.fail(t("expected a key in quotes")),
                    }
                    let key = self.string()?;
                    self.expect(b':', t("an object"))?;
                    members.push((key, self.value(depth + 1)?));
                    if !self.another(b'}', t("an object"))? {
                        return Ok(Value::Object(members));
                    }
                }
            }
            Some(b'[') => {
                self.at += 1;
                let mut items = Vec::new();
                if self.closes(b']') {
                    return Ok(Value::Array(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    if !self.another(b']', t("a list"))? {
                        return Ok(Value::Array(items));
                    }
                }
            }
            Some(b'"') => Ok(Value::String(self.string()?)),
            Some(b't') => self.word("true", Value::Bool(true)),
            Some(b'f') => self.word("false", Value::Bool(false)),
            Some(b'n') => self.word("null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => self.fail(t("expected a value")),
        }
    }

    /// Whether `close` comes next (an empty list or object), taking it if so.
    fn closes(&mut self, close: u8) -> bool {
        let closed = self.peek() == Some(close);
        if closed {
            self.at += 1;
        }
        closed
    }

    /// After an item of a list or object: `,` means another follows, `close` ends `what`.
    fn another(&mut self, close: u8, what: &str) -> Result<bool, SyntaxError> {
        match self.peek() {
            Some(b',') => {
                self.at += 1;
                Ok(true)
            }
            Some(b) if b == close => {
                self.at += 1;
                Ok(false)
            }
            None => self.fail(say("EOF while parsing {what}", &[("what", &what)])),
            Some(_) => {
                self.fail(say("expected `,` or `{mark}` in {what}", &[("mark", &(close as char)), ("what", &what)]))
            }
        }
    }

    fn word(&mut self, word: &str, value: Value) -> Result<Value, SyntaxError> {
        if self.text[self.at..].starts_with(word.as_bytes()) {
            self.at += word.len();
            Ok(value)
        } else {
            self.fail(t("expected a value"))
        }
    }

    /// A number by JSON's grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
    fn number(&mut self) -> Result<Value, SyntaxError> {
        let start = self.at;
        let digits = |r: &mut Self| {
            let from = r.at;
            while r.text.get(r.at).is_some_and(u8::is_ascii_digit) {
                r.at += 1;
            }
            r.at > from
        };
        if self.text.get(self.at) == Some(&b'-') {
            self.at += 1;
        }
        if self.text.get(self.at) == Some(&b'0') {
            self.at += 1;
        } else if !digits(self) {
            return self.fail(t("expected a number"));
        }
        if self.text.get(self.at) == Some(&b'.') {
            self.at += 1;
            if !digits(self) {
                return self.fail(t("expected digits after the decimal point"));
            }
        }
        if matches!(self.text.get(self.at), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.text.get(self.at), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if !digits(self) {
                return self.fail(t("expected digits in the exponent"));
            }
        }
        // Only ASCII was consumed.
        Ok(Value::Number(String::from_utf8_lossy(&self.text[start..self.at]).into_owned()))
    }

    fn string(&mut self) -> Result<String, SyntaxError> {
        self.at += 1; // the opening quote
        let mut out: Vec<u8> = Vec::new();
        loop {
            let Some(&b) = self.text.get(self.at) else { return self.fail(t("EOF while parsing a string")) };
            self.at += 1;
            match b {
                b'"' => break,
                b'\\' => {
                    let Some(&e) = self.text.get(self.at) else { return self.fail(t("EOF while parsing a string")) };
                    self.at += 1;
                    let c = match e {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => self.unicode_escape()?,
                        _ => return self.fail(t("invalid escape in a string")),
                    };
                    let mut buf = [0u8; 4];
                    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                }
                0..=0x1f => return self.fail(t("control character in a string")),
                _ => out.push(b),
            }
        }
        // The input is a &str and escapes add whole characters, so this is UTF-8.
        String::from_utf8(out).or_else(|_| self.fail(t("not UTF-8 text")))
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        // Four hex digits exactly (from_str_radix alone would take a sign).
        let hex = self.text.get(self.at..self.at + 4).filter(|h| h.iter().all(u8::is_ascii_hexdigit));
        let Some(v) = hex.and_then(|h| u32::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok()) else {
            return self.fail(t("invalid \\u escape"));
        };
        self.at += 4;
        Ok(v)
    }

    fn unicode_escape(&mut self) -> Result<char, SyntaxError> {
        let first = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&first) {
            // A surrogate pair: the low half must follow as another escape.
            if !self.text[self.at..].starts_with(b"\\u") {
                return self.fail(t("unpaired surrogate in a string"));
            }
            self.at += 2;
            let second = self.hex4()?;
            if !(0xDC00..0xE000).contains(&second) {
                return self.fail(t("unpaired surrogate in a string"));
            }
            0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        } else {
            first
        };
        char::from_u32(code).map_or_else(|| self.fail(t("invalid \\u escape")), Ok)
    }
}

/// Reads a whole text as one JSON value.
pub fn parse(text: &str) -> Result<Value, SyntaxError> {
    let mut r = Reader { text: text.as_bytes(), at: 0 };
    let v = r.value(0)?;
    if r.peek().is_some() {
        return r.fail(t("trailing characters after the value"));
    }
    Ok(v)
}

impl Value {
    /// The value's kind in an error message: `string "lots"`, `number 5`, `a list`.
    pub fn kind(&self) -> String {
        match self {
            Value::Null => "null".into(),
            Value::Bool(b) => say("boolean {value}", &[("value", b)]),
            Value::Number(n) => say("number {value}", &[("value", n)]),
            Value::String(s) => say("string {value}", &[("value", &format!("{s:?}"))]),
            Value::Array(_) => t("a list").into(),
            Value::Object(_) => t("an object").into(),
        }
    }

    /// This value as JSON text, indented by two spaces per level (`indent` is the current level).
    pub fn write(&self, out: &mut String, indent: usize) {
        let pad = |out: &mut String, level: usize| {
            out.push('\n');
            out.extend(std::iter::repeat_n("  ", level));
        };
        match self {
            Value::Null => out.push_str("null"),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Number(n) => out.push_str(n),
            Value::String(s) => write_string(out, s),
            Value::Array(items) if items.is_empty() => out.push_str("[]"),
            Value::Object(members) if members.is_empty() => out.push_str("{}"),
            Value::Array(items) => {
                out.push('[');
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    pad(out, indent + 1);
                    v.write(out, indent + 1);
                }
                pad(out, indent);
                out.push(']');
            }
            Value::Object(members) => {
                out.push('{');
                for (i, (k, v)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    pad(out, indent + 1);
                    write_string(out, k);
                    out.push_str(": ");
                    v.write(out, indent + 1);
                }
                pad(out, indent);
                out.push('}');
            }
        }
    }

    /// A finite number as JSON (the shortest text that reads back to it).
    pub fn number(x: f64) -> Value {
        Value::Number(if x.is_finite() { format!("{x:?}") } else { "null".into() })
    }
}

fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A language's catalogue from its JSON file (`locales/es.json`), or why the file is not one: read with this small
/// reader, as serde_json's would bring ~5 KB back into the WebAssembly module.
impl crate::lang::Catalogue {
    pub fn from_json(code: &'static str, json: &str, decimal_comma: bool) -> Result<crate::lang::Catalogue, String> {
        let Value::Object(members) = parse(json).map_err(|e| e.message)? else {
            return Err("a catalogue is a JSON object of texts".into());
        };
        let pairs = members.into_iter().filter_map(|(k, v)| match v {
            Value::String(v) => Some((k, v)),
            _ => None,
        });
        Ok(crate::lang::Catalogue::from_pairs(code, pairs, decimal_comma))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_writes_json() {
        let text = r#"{"a": [1, -2.5e3, true, null], "b": "x \"y\" \u00e9 \ud83d\ude00", "c": {}}"#;
        let v = parse(text).unwrap();
        let mut out = String::new();
        v.write(&mut out, 0);
        assert_eq!(parse(&out).unwrap(), v);
        let Value::Object(m) = &v else { panic!() };
        assert_eq!(m[1].1, Value::String("x \"y\" é 😀".into()));
        assert_eq!(
            m[0].1,
            Value::Array(vec![
                Value::Number("1".into()),
                Value::Number("-2.5e3".into()),
                Value::Bool(true),
                Value::Null
            ])
        );
    }

    #[test]
    fn refuses_what_is_not_json_with_its_place() {
        for (text, offset) in
            [("{", 1), ("[1,]", 3), ("01", 1), ("{\"a\" 1}", 5), ("\"\\x\"", 3), ("1.", 2), ("[1] x", 4)]
        {
            assert_eq!(parse(text).unwrap_err().offset, offset, "{text}");
        }
        assert!(parse("{").unwrap_err().message.contains("EOF"));
        assert!(parse(r#""\u+041""#).is_err(), "a sign is not a hex digit");
        let deep = "[".repeat(10_000);
        assert_eq!(parse(&deep).unwrap_err().message, "nested too deeply");
    }

    #[test]
    fn numbers_write_back_exactly() {
        for x in [0.0, -0.0, 100.0, 0.1, 1e-7, 1.5e300, 123456.789] {
            let Value::Number(text) = Value::number(x) else { panic!() };
            assert_eq!(text.parse::<f64>().unwrap().to_bits(), x.to_bits(), "{text}");
        }
    }
}
