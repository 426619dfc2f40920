//! Images of pages. This module owns the image files in `content/` (next to the language
//! folders): finding them, reading their width and height (raster formats with the
//! `imagesize` crate, SVG from its `width`, `height` and `viewBox`), giving each a
//! content-hashed output name, and choosing a language's variant (`diagram.de.svg` for German
//! pages, else `diagram.svg`). It leaves the Markdown syntax, alt text and remote addresses
//! to `markdown`, and writing to `output`: the files go out as `OutputFile`s like every other.

use std::collections::BTreeMap;
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::content::CONTENT_DIR;
use crate::diagnostics::{relative_path, Problem};
use crate::output::OutputFile;

/// The file extensions a page's image may have.
pub const IMAGE_EXTENSIONS: &[&str] = &["svg", "png", "jpg", "jpeg", "gif", "webp", "avif"];

/// The output folder of images.
const OUTPUT_DIR: &str = "static/images";

/// One image file of the site, read and measured.
#[derive(Debug, Clone)]
pub struct Image {
    /// The file name in `content/`: `diagram.svg`, `diagram.de.svg`.
    pub name: String,
    /// The output path with the content hash: `static/images/diagram.1a2b3c4d5e6f.svg`.
    pub output_path: String,
    /// The intrinsic width in CSS pixels.
    pub width: u32,
    /// The intrinsic height in CSS pixels.
    pub height: u32,
    bytes: Vec<u8>,
}

/// Every image file in `content/`, by file name.
#[derive(Debug, Default)]
pub struct Images {
    by_name: BTreeMap<String, Image>,
}

impl Images {
    /// Reads and measures every image file directly in `content/` of the site root.
    pub fn load(root: &Path) -> Result<Images, Vec<Problem>> {
        let dir = root.join(CONTENT_DIR);
        let mut files: Vec<_> = match std::fs::read_dir(&dir) {
            Ok(entries) => entries.filter_map(Result::ok).map(|e| e.path()).collect(),
            // `content` reports a missing content folder.
            Err(_) => return Ok(Images::default()),
        };
        files.sort();
        let mut images = Images::default();
        let mut problems = Vec::new();
        for path in files {
            let Some(name) = path.file_name().and_then(|name| name.to_str()) else {
                continue;
            };
            if !path.is_file() || !has_image_extension(name) {
                continue;
            }
            let result = std::fs::read(&path)
                .map_err(|error| format!("cannot read: {error}"))
                .and_then(|bytes| Image::new(name, bytes));
            match result {
                Ok(image) => {
                    images.by_name.insert(name.to_string(), image);
                }
                Err(message) => problems.push(Problem::new(relative_path(root, &path), 0, message)),
            }
        }
        if problems.is_empty() {
            Ok(images)
        } else {
            Err(problems)
        }
    }

    /// Builds the set from files already in memory, for tests and previews.
    pub fn from_files(files: Vec<(String, Vec<u8>)>) -> Result<Images, String> {
        let mut images = Images::default();
        for (name, bytes) in files {
            images
                .by_name
                .insert(name.clone(), Image::new(&name, bytes)?);
        }
        Ok(images)
    }

    /// Finds the image a page in `lang` means by `file`: its language variant
    /// (`diagram.de.svg`) when there is one, else the file itself.
    pub fn find(&self, lang: &str, file: &str) -> Result<&Image, String> {
        if file.contains('/') || file.contains('\\') || file.contains(':') {
            return Err(format!(
                "image `{file}` must be a file name: images live directly in `{CONTENT_DIR}/`, e.g. `![…](diagram.svg)`"
            ));
        }
        if !has_image_extension(file) {
            return Err(format!(
                "image `{file}` is not a supported image file (use {})",
                IMAGE_EXTENSIONS.join(", ")
            ));
        }
        let variant = match file.rsplit_once('.') {
            Some((stem, extension)) => format!("{stem}.{lang}.{extension}"),
            None => file.to_string(),
        };
        self.by_name
            .get(&variant)
            .or_else(|| self.by_name.get(file))
            .ok_or_else(|| {
                format!(
                    "image `{file}` is missing: add `{CONTENT_DIR}/{file}` (or `{CONTENT_DIR}/{variant}` for this language only)"
                )
            })
    }

    /// Returns every image as an output file under its hashed name.
    pub fn output_files(&self) -> impl Iterator<Item = OutputFile> + '_ {
        self.by_name
            .values()
            .map(|image| OutputFile::new(image.output_path.clone(), image.bytes.clone()))
    }
}

impl Image {
    /// Measures an image file and names its output after its content.
    fn new(name: &str, bytes: Vec<u8>) -> Result<Image, String> {
        let (width, height) = dimensions(name, &bytes)?;
        let digest = Sha256::digest(&bytes);
        let hash: String = digest[..6]
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect();
        let (stem, extension) = name.rsplit_once('.').unwrap_or((name, ""));
        Ok(Image {
            name: name.to_string(),
            output_path: format!(
                "{OUTPUT_DIR}/{stem}.{hash}.{}",
                extension.to_ascii_lowercase()
            ),
            width,
            height,
            bytes,
        })
    }
}

fn has_image_extension(name: &str) -> bool {
    name.rsplit_once('.').is_some_and(|(_, extension)| {
        IMAGE_EXTENSIONS.contains(&extension.to_ascii_lowercase().as_str())
    })
}

/// Returns an image's width and height in CSS pixels.
fn dimensions(name: &str, bytes: &[u8]) -> Result<(u32, u32), String> {
    if name.to_ascii_lowercase().ends_with(".svg") {
        let text =
            std::str::from_utf8(bytes).map_err(|_| "SVG file is not UTF-8 text".to_string())?;
        return svg_dimensions(text);
    }
    let size = imagesize::blob_size(bytes).map_err(|error| {
        format!("cannot read the image's size ({error}): is the file an image of its type?")
    })?;
    let width = u32::try_from(size.width).map_err(|_| "image is too wide".to_string())?;
    let height = u32::try_from(size.height).map_err(|_| "image is too high".to_string())?;
    Ok((width, height))
}

/// Reads an SVG's size from the `width` and `height` of its `<svg>` element (plain numbers or
/// `px`), or else from its `viewBox`. It refuses scripts and embedded HTML, which a browser
/// would run if a reader opened the file itself.
pub fn svg_dimensions(text: &str) -> Result<(u32, u32), String> {
    let lower = text.to_ascii_lowercase();
    if lower.contains("<script") || lower.contains("<foreignobject") {
        return Err("SVG holds a script or embedded HTML (`<script>`, `<foreignObject>`): remove it, pages show pictures only".into());
    }
    let start = lower
        .find("<svg")
        .ok_or("file has no `<svg>` element: is it an SVG image?")?;
    let end = text[start..]
        .find('>')
        .map(|end| start + end)
        .ok_or("the `<svg>` tag is never closed")?;
    let attributes = attributes(&text[start + 4..end]);
    let length = |name: &str| {
        attributes
            .get(name)
            .and_then(|value| value.trim().trim_end_matches("px").parse::<f64>().ok())
            .filter(|value| value.is_finite() && *value > 0.0)
    };
    let view_box = attributes.get("viewBox").and_then(|value| {
        let numbers: Vec<f64> = value
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|part| !part.is_empty())
            .map(str::parse)
            .collect::<Result<_, _>>()
            .ok()?;
        (numbers.len() == 4 && numbers[2] > 0.0 && numbers[3] > 0.0)
            .then(|| (numbers[2], numbers[3]))
    });
    let (width, height) = match (length("width"), length("height"), view_box) {
        (Some(width), Some(height), _) => (width, height),
        (Some(width), None, Some((w, h))) => (width, width * h / w),
        (None, Some(height), Some((w, h))) => (height * w / h, height),
        (None, None, Some(size)) => size,
        _ => {
            return Err("SVG has no size: give its `<svg>` a `viewBox=\"0 0 W H\"` (or `width` and `height` in pixels), so the page can reserve its space".into())
        }
    };
    Ok((
        width.round().max(1.0) as u32,
        height.round().max(1.0) as u32,
    ))
}

/// Parses the attributes of a start tag's inside: `name="value"` pairs, in any quotes.
fn attributes(tag: &str) -> BTreeMap<&str, &str> {
    let mut found = BTreeMap::new();
    let mut rest = tag;
    while let Some(equals) = rest.find('=') {
        let name = rest[..equals]
            .trim()
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or_default();
        let after = rest[equals + 1..].trim_start();
        let Some(quote) = after.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            break;
        };
        let Some(length) = after[1..].find(quote) else {
            break;
        };
        found.entry(name).or_insert(&after[1..1 + length]);
        rest = &after[2 + length..];
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check_svg(svg: &str, expected: Result<(u32, u32), &str>) {
        let result = svg_dimensions(svg);
        match expected {
            Ok(size) => assert_eq!(result, Ok(size), "{svg}"),
            Err(start) => {
                let error = result.expect_err(svg);
                assert!(error.starts_with(start), "{svg}: {error}");
            }
        }
    }

    #[test]
    fn svg_size_comes_from_width_and_height_or_the_view_box() {
        check_svg(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480">"#,
            Ok((640, 480)),
        );
        check_svg(
            r#"<?xml version="1.0"?><svg width='64px' height='32px' viewBox="0 0 8 4">"#,
            Ok((64, 32)),
        );
        check_svg(
            r#"<svg viewBox="0 0 800 450" stroke-width="2">"#,
            Ok((800, 450)),
        );
        check_svg(r#"<svg viewBox="0,0,100.4,50.6">"#, Ok((100, 51)));
        check_svg(
            r#"<svg width="100%" height="100%" viewBox="0 0 300 200">"#,
            Ok((300, 200)),
        );
        check_svg(r#"<svg width="600" viewBox="0 0 300 200">"#, Ok((600, 400)));
        check_svg(
            r#"<svg stroke-width="3" xmlns="http://www.w3.org/2000/svg">"#,
            Err("SVG has no size"),
        );
        check_svg(r#"<svg viewBox="0 0 0 10">"#, Err("SVG has no size"));
        check_svg("<html></html>", Err("file has no `<svg>` element"));
        check_svg(
            r#"<svg viewBox="0 0 1 1"><script>alert(1)</script></svg>"#,
            Err("SVG holds a script"),
        );
    }

    #[test]
    fn a_language_variant_wins_over_the_shared_image() {
        let svg = |size: u32| format!(r#"<svg viewBox="0 0 {size} {size}"></svg>"#).into_bytes();
        let images = Images::from_files(vec![
            ("diagram.svg".into(), svg(10)),
            ("diagram.de.svg".into(), svg(20)),
        ])
        .unwrap();
        assert_eq!(
            images.find("de", "diagram.svg").unwrap().name,
            "diagram.de.svg"
        );
        assert_eq!(
            images.find("en", "diagram.svg").unwrap().name,
            "diagram.svg"
        );
        assert_eq!(images.find("en", "diagram.svg").unwrap().width, 10);
        assert!(images
            .find("en", "other.svg")
            .unwrap_err()
            .starts_with("image `other.svg` is missing"));
        assert!(images
            .find("en", "../secret.svg")
            .unwrap_err()
            .contains("must be a file name"));
        assert!(images
            .find("en", "notes.txt")
            .unwrap_err()
            .contains("not a supported image"));
    }

    #[test]
    fn output_names_follow_the_content_and_nothing_else() {
        let first = Image::new("a.svg", br#"<svg viewBox="0 0 1 1"/>"#.to_vec()).unwrap();
        let same = Image::new("a.svg", br#"<svg viewBox="0 0 1 1"/>"#.to_vec()).unwrap();
        let changed = Image::new("a.svg", br#"<svg viewBox="0 0 2 1"/>"#.to_vec()).unwrap();
        assert_eq!(first.output_path, same.output_path);
        assert_ne!(first.output_path, changed.output_path);
        assert!(
            first.output_path.starts_with("static/images/a.")
                && first.output_path.ends_with(".svg")
        );
    }

    #[test]
    fn raster_sizes_are_read_from_the_file_header() {
        // A 1×1 PNG's header, up to the IHDR chunk's width and height (3 × 2 here).
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        png.extend_from_slice(&3u32.to_be_bytes());
        png.extend_from_slice(&2u32.to_be_bytes());
        png.extend_from_slice(&[8, 6, 0, 0, 0]);
        assert_eq!(dimensions("pixel.png", &png), Ok((3, 2)));
        assert!(dimensions("broken.png", b"not a png").is_err());
    }
}
