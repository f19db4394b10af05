//! Typed access to function arguments with Terraform's implicit conversions.

use super::super::{convert, err, EvalError};
use crate::value::Value;
use std::collections::BTreeMap;

pub(crate) struct Args {
    pub name: String,
    pub values: Vec<Value>,
}

type R<T> = Result<T, EvalError>;

impl Args {
    pub fn new(name: &str, values: Vec<Value>) -> Self {
        Args {
            name: name.to_string(),
            values,
        }
    }

    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// A rough cost of the call: the size of its arguments.
    pub fn work(&self) -> u64 {
        self.values
            .iter()
            .map(|v| match v {
                Value::List(l) => l.len() as u64,
                Value::Map(m) => m.len() as u64,
                Value::String(s) => (s.len() / 64) as u64,
                _ => 1,
            })
            .sum()
    }

    pub fn expect(&self, min: usize, max: usize) -> R<()> {
        if self.values.len() < min || self.values.len() > max {
            return err(format!(
                "{}: wrong number of arguments ({})",
                self.name,
                self.values.len()
            ));
        }
        Ok(())
    }

    pub fn get(&self, i: usize) -> R<&Value> {
        match self.values.get(i) {
            Some(v) => Ok(v),
            None => err(format!("{}: missing argument {}", self.name, i + 1)),
        }
    }

    pub fn take(&mut self, i: usize) -> R<Value> {
        match self.values.get_mut(i) {
            Some(v) => Ok(std::mem::take(v)),
            None => err(format!("{}: missing argument {}", self.name, i + 1)),
        }
    }

    pub fn str(&self, i: usize) -> R<String> {
        match self.get(i)? {
            Value::Null => err(format!(
                "{}: argument {} must not be null",
                self.name,
                i + 1
            )),
            v => match convert::to_string_value(v) {
                Some(s) => Ok(s),
                None => err(format!(
                    "{}: argument {} must be a string, not {}",
                    self.name,
                    i + 1,
                    v.type_name()
                )),
            },
        }
    }

    pub fn num(&self, i: usize) -> R<f64> {
        let v = self.get(i)?;
        match convert::to_number(v) {
            Some(n) => Ok(n),
            None => err(format!(
                "{}: argument {} must be a number, not {}",
                self.name,
                i + 1,
                v.type_name()
            )),
        }
    }

    /// An integer argument (fractional numbers are an error, as in Terraform).
    pub fn int(&self, i: usize) -> R<i64> {
        let n = self.num(i)?;
        if n.fract() != 0.0 || n.abs() > 9.0e15 {
            return err(format!(
                "{}: argument {} must be a whole number",
                self.name,
                i + 1
            ));
        }
        Ok(n as i64)
    }

    pub fn list(&mut self, i: usize) -> R<Vec<Value>> {
        match self.take(i)? {
            Value::List(items) => Ok(items),
            v => err(format!(
                "{}: argument {} must be a list, not {}",
                self.name,
                i + 1,
                v.type_name()
            )),
        }
    }

    pub fn map(&mut self, i: usize) -> R<BTreeMap<String, Value>> {
        match self.take(i)? {
            Value::Map(m) => Ok(m),
            v => err(format!(
                "{}: argument {} must be a map, not {}",
                self.name,
                i + 1,
                v.type_name()
            )),
        }
    }

    pub fn fail<T>(&self, msg: impl std::fmt::Display) -> R<T> {
        err(format!("{}: {msg}", self.name))
    }
}
