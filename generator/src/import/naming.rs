//! Operation ids for pages that do not state one.

/// An UpperCamelCase id from a title: "Deleting an EVS Disk" → `DeleteEvsDisk`. Pages do
/// not state the official id; pass `--id` to use it.
pub fn derive_id(title: &str) -> String {
    const SKIP: &[&str] = &[
        "a", "an", "the", "of", "to", "for", "in", "on", "by", "with", "and", "from", "about",
    ];
    let mut words = title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty());
    let mut id = String::new();
    if let Some(first) = words.next() {
        id.push_str(&capitalize(&base_verb(first)));
    }
    for word in words {
        if !SKIP.contains(&word.to_ascii_lowercase().as_str()) {
            id.push_str(&capitalize(&word.to_ascii_lowercase()));
        }
    }
    if id.is_empty() || !id.starts_with(|c: char| c.is_ascii_alphabetic()) {
        id.insert_str(0, "Operation");
    }
    id
}

/// "Deleting" → "delete", "Submitting" → "submit", "Listing" → "list".
fn base_verb(word: &str) -> String {
    let lower = word.to_ascii_lowercase();
    let Some(stem) = lower.strip_suffix("ing").filter(|s| s.len() >= 3) else {
        return lower;
    };
    const E_VERBS: &[&str] = &[
        "creat",
        "updat",
        "delet",
        "configur",
        "us",
        "restor",
        "remov",
        "chang",
        "enabl",
        "disabl",
        "retriev",
        "manag",
        "mov",
        "resiz",
        "renam",
        "replac",
        "releas",
        "merg",
        "purg",
        "rebuil",
        "generat",
        "validat",
        "activat",
        "deactivat",
        "migrat",
        "schedul",
        "subscrib",
        "unsubscrib",
        "describ",
        "writ",
        "clos",
        "execut",
        "increas",
        "decreas",
        "sav",
        "receiv",
        "translat",
        "associat",
        "disassociat",
    ];
    if E_VERBS.contains(&stem) {
        return format!("{stem}e");
    }
    let bytes = stem.as_bytes();
    let doubled = bytes.len() >= 2
        && bytes[bytes.len() - 1] == bytes[bytes.len() - 2]
        && !matches!(bytes[bytes.len() - 1], b'l' | b's' | b'z' | b'f');
    if doubled {
        stem[..stem.len() - 1].to_owned()
    } else {
        stem.to_owned()
    }
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_from_titles() {
        assert_eq!(derive_id("Deleting an EVS Disk"), "DeleteEvsDisk");
        assert_eq!(
            derive_id("Submitting the Query of Database Object Information"),
            "SubmitQueryDatabaseObjectInformation"
        );
        assert_eq!(
            derive_id("Listing Organizations Quotas"),
            "ListOrganizationsQuotas"
        );
        assert_eq!(derive_id("Querying Project Tags"), "QueryProjectTags");
        assert_eq!(derive_id("Creating a Widget"), "CreateWidget");
        assert_eq!(derive_id("42"), "Operation42");
    }
}
