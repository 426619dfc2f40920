//! Links in a page: telling external links from internal ones, writing an external link's
//! start tag, and checking an internal link (a page file, a fragment of this page, mail or
//! phone), which the `LinkResolver` turns into a URL.

use std::collections::HashSet;

use pulldown_cmark::LinkType;

use super::{escape_html, LinkResolver};
use crate::content::Page;

/// Tells whether a link or image target is on another site.
pub(super) fn is_external(dest: &str) -> bool {
    dest.starts_with("http://") || dest.starts_with("https://") || dest.starts_with("//")
}

/// Writes the start tag of a link to another site.
pub(super) fn external_link_start(dest: &str, title: &str) -> String {
    let title = if title.is_empty() {
        String::new()
    } else {
        format!(" title=\"{}\"", escape_html(title))
    };
    format!(
        "<a href=\"{}\"{title} rel=\"noopener noreferrer\">",
        escape_html(dest)
    )
}

/// Checks and rewrites a link that is not external: a page file, a fragment, mail or phone.
pub(super) fn resolve_internal_link(
    page: &Page,
    dest: &str,
    link_type: LinkType,
    own_ids: &HashSet<&str>,
    links: &dyn LinkResolver,
) -> Result<String, String> {
    if dest.starts_with("mailto:") || dest.starts_with("tel:") {
        return Ok(dest.to_string());
    }
    if matches!(link_type, LinkType::Email) {
        return Ok(format!("mailto:{dest}"));
    }
    if let Some(fragment) = dest.strip_prefix('#') {
        return if own_ids.contains(fragment) {
            Ok(dest.to_string())
        } else {
            Err(format!(
                "link to `#{fragment}` matches no heading on this page"
            ))
        };
    }
    let (file, fragment) = match dest.split_once('#') {
        Some((file, fragment)) => (file, Some(fragment)),
        None => (dest, None),
    };
    if !file.ends_with(".md") || file.contains('/') || file.contains(':') {
        return Err(format!(
            "link to `{dest}` is neither a web address nor a page file: link to pages by file name, e.g. `soc-2.md`"
        ));
    }
    links.resolve(page, file, fragment)
}
