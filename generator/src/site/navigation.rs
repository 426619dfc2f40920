//! The navigation: the list of a language's pages every page shows, and on large sites the
//! window of it a page lists, so a page's size stays the same however many pages there are.

use serde::Serialize;

use super::Site;

/// A navigation entry.
#[derive(Debug, Clone, Serialize)]
pub(super) struct NavItem {
    title: String,
    description: String,
    url: String,
    /// On a fallback page: the language of its title and text, which the entry marks.
    lang: Option<String>,
}

/// Up to this many pages per language, every page lists them all in its navigation.
const FULL_NAVIGATION_LIMIT: usize = 40;
/// On larger sites, a page lists this many neighbours on each side, and links to all pages.
const NAVIGATION_NEIGHBOURS: usize = 7;

impl Site {
    /// Builds the navigation of one language, once for all its pages.
    pub(super) fn navigation(&self, lang: &str) -> Vec<NavItem> {
        self.content
            .pages_in(lang)
            .map(|page| NavItem {
                title: page.front.title.clone(),
                description: page.front.description.clone(),
                url: self.config.url(&page.site_path),
                lang: page.fallback_of.clone(),
            })
            .collect()
    }
}

/// Returns the part of a language's navigation a page shows, and whether it is cut short.
/// Small sites show every page; large ones show the home page and the page's neighbours, so
/// each page's size and render time stay the same however many pages the site has.
pub(super) fn navigation_window(nav: &[NavItem], position: Option<usize>) -> (&[NavItem], bool) {
    let (range, truncated) = navigation_range(nav.len(), position);
    (&nav[range], truncated)
}

/// Returns the positions, in a navigation of `len` pages, that the page at `position` lists,
/// and whether that is fewer than all: the one rule behind `navigation_window`.
fn navigation_range(len: usize, position: Option<usize>) -> (std::ops::Range<usize>, bool) {
    if len <= FULL_NAVIGATION_LIMIT {
        return (0..len, false);
    }
    let center = position.unwrap_or(0);
    let start = center
        .saturating_sub(NAVIGATION_NEIGHBOURS)
        .min(len - (2 * NAVIGATION_NEIGHBOURS + 1));
    (start..start + 2 * NAVIGATION_NEIGHBOURS + 1, true)
}

/// Returns the positions, in a language's navigation of `len` pages, of the pages whose
/// output shows the title of the page at `position`: those whose navigation lists it, and
/// its neighbours, whose pager links to it.
pub fn pages_showing_title_of(len: usize, position: usize) -> Vec<usize> {
    (0..len)
        .filter(|&other| {
            navigation_range(len, Some(other)).0.contains(&position)
                || other.abs_diff(position) == 1
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nav(count: usize) -> Vec<NavItem> {
        (0..count)
            .map(|index| NavItem {
                title: format!("Page {index}"),
                description: String::new(),
                url: format!("/en/{index}/"),
                lang: None,
            })
            .collect()
    }

    #[test]
    fn small_sites_list_every_page() {
        let pages = nav(FULL_NAVIGATION_LIMIT);
        let (window, truncated) = navigation_window(&pages, Some(3));
        assert_eq!(window.len(), FULL_NAVIGATION_LIMIT);
        assert!(!truncated);
    }

    #[test]
    fn a_title_shows_on_exactly_the_pages_that_list_it_or_page_to_it() {
        for len in [
            1,
            2,
            11,
            FULL_NAVIGATION_LIMIT,
            FULL_NAVIGATION_LIMIT + 1,
            300,
        ] {
            let pages = nav(len);
            for position in 0..len {
                let expected: Vec<usize> = (0..len)
                    .filter(|&other| {
                        let (window, _) = navigation_window(&pages, Some(other));
                        window.iter().any(|item| item.url == pages[position].url)
                            || other + 1 == position
                            || position + 1 == other
                    })
                    .collect();
                assert_eq!(
                    pages_showing_title_of(len, position),
                    expected,
                    "{len} pages, position {position}"
                );
            }
        }
        assert_eq!(pages_showing_title_of(5000, 2500).len(), 15);
    }

    #[test]
    fn large_sites_list_the_neighbours_of_the_page() {
        let pages = nav(5000);
        let size = 2 * NAVIGATION_NEIGHBOURS + 1;
        for (position, first) in [
            (0, 0),
            (3, 0),
            (2500, 2500 - NAVIGATION_NEIGHBOURS),
            (4999, 5000 - size),
        ] {
            let (window, truncated) = navigation_window(&pages, Some(position));
            assert!(truncated);
            assert_eq!(window.len(), size, "position {position}");
            assert_eq!(window[0].url, pages[first].url, "position {position}");
            assert!(
                window.iter().any(|item| item.url == pages[position].url),
                "the page itself is listed"
            );
        }
    }
}
