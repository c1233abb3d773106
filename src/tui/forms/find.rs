//! Find a child by name or reference, to open their screen (children on no
//! list, e.g. one whose episodes are all closed, are reached this way).

use super::child::ChildPick;
use super::field::{Field, FieldKind};
use super::form::{Form, FormKind};
use super::request::Target;

pub fn open(pick: ChildPick) -> Form {
    let fields = vec![Field::new("person", "Child", FieldKind::Child(Box::new(pick))).required()];
    Form::new(FormKind::FindChild, "Find a child", String::new(), Target::NewPerson, fields)
}

/// The reference of the child highlighted.
pub fn chosen(form: &Form) -> Option<String> {
    form.field("person").and_then(|f| match &f.kind {
        FieldKind::Child(pick) => pick.chosen().map(|h| h.person_ref.clone()),
        _ => None,
    })
}
