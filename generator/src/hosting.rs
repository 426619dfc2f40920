//! Ready-made configuration for static hosts: the one list of security headers the project
//! recommends, written into the output as `_headers` (Netlify, Cloudflare Pages),
//! `nginx-security-headers.conf` (an nginx snippet for a `server` or `location` block) and
//! `.htaccess` (Apache). Tests serve the site with these very headers, so what we recommend
//! is what we test.

use crate::output::OutputFile;

/// A former URL of a moved page and its new URL, both with the base path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    /// The old URL path, e.g. `/guide/de/warum-sicherheit-zaehlt/`.
    pub from: String,
    /// The new URL path, e.g. `/guide/de/warum-cybersicherheit/`.
    pub to: String,
}

/// The Content Security Policy of the site: same-origin only, no inline code, wasm allowed.
pub const CONTENT_SECURITY_POLICY: &str =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'; \
frame-ancestors 'none'";

/// Every recommended response header, in the order they are written.
pub const SECURITY_HEADERS: &[(&str, &str)] = &[
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    (
        "Permissions-Policy",
        "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), \
magnetometer=(), microphone=(), midi=(), payment=(), usb=()",
    ),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
];

/// Returns the host configuration files for a site served under `base_path`. Hosts that
/// read them answer a moved page's former URL with a permanent redirect; every other host
/// serves the redirect page the build writes there.
pub fn host_files(base_path: &str, redirects: &[Redirect]) -> Vec<OutputFile> {
    let mut files = vec![
        OutputFile::new("_headers", netlify_headers(base_path).into_bytes()),
        OutputFile::new(
            "nginx-security-headers.conf",
            nginx_snippet(base_path).into_bytes(),
        ),
        OutputFile::new(".htaccess", htaccess(base_path, redirects).into_bytes()),
    ];
    if !redirects.is_empty() {
        files.push(OutputFile::new(
            "_redirects",
            netlify_redirects(redirects).into_bytes(),
        ));
    }
    files
}

/// Writes `_redirects` for Netlify and Cloudflare Pages: one `from to 301` line per moved page.
fn netlify_redirects(redirects: &[Redirect]) -> String {
    let mut text = String::from(
        "# Permanent redirects from the former URLs of moved pages, written by the generator.\n",
    );
    for redirect in redirects {
        text.push_str(&format!("{} {} 301\n", redirect.from, redirect.to));
    }
    text
}

fn netlify_headers(base_path: &str) -> String {
    let mut text = String::from(
        "# Security headers for Netlify and Cloudflare Pages, written by the generator.\n",
    );
    text.push_str(&format!("{base_path}*\n"));
    for (name, value) in SECURITY_HEADERS {
        text.push_str(&format!("  {name}: {value}\n"));
    }
    text.push_str(&format!(
        "{base_path}*.wasm\n  Content-Type: application/wasm\n"
    ));
    text
}

fn nginx_snippet(base_path: &str) -> String {
    let mut text = String::from(
        "# Security headers for nginx, written by the generator. Include this file in the `server` or\n\
         # `location` block that serves the site. nginx drops inherited add_header lines in any block\n\
         # that has its own, so include it again in such blocks.\n",
    );
    for (name, value) in SECURITY_HEADERS {
        text.push_str(&format!("add_header {name} \"{value}\" always;\n"));
    }
    text.push_str(&format!("error_page 404 {base_path}404.html;\n"));
    text.push_str("# Serve the precompressed .gz files next to text assets.\ngzip_static on;\n");
    text
}

fn htaccess(base_path: &str, redirects: &[Redirect]) -> String {
    let mut text = String::from("# Security headers for Apache (mod_headers), written by the generator.\n<IfModule mod_headers.c>\n");
    for (name, value) in SECURITY_HEADERS {
        text.push_str(&format!("  Header always set {name} \"{value}\"\n"));
    }
    text.push_str("</IfModule>\n");
    text.push_str("AddType application/wasm .wasm\n");
    text.push_str(&format!("ErrorDocument 404 {base_path}404.html\n"));
    if !redirects.is_empty() {
        // mod_alias needs the same `AllowOverride FileInfo` as the lines above; without the
        // module, the redirect page at the old URL still sends readers on.
        text.push_str("<IfModule mod_alias.c>\n");
        for redirect in redirects {
            text.push_str(&format!(
                "  Redirect permanent {} {}\n",
                redirect.from, redirect.to
            ));
        }
        text.push_str("</IfModule>\n");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_host_file_carries_every_header() {
        for file in host_files("/guide/", &[]) {
            let text = String::from_utf8(file.bytes).unwrap();
            for (name, value) in SECURITY_HEADERS {
                assert!(
                    text.contains(name) && text.contains(value),
                    "{}: lacks {name}",
                    file.path
                );
            }
        }
    }

    #[test]
    fn moved_pages_get_permanent_redirects_where_the_host_reads_them() {
        let redirects = [Redirect {
            from: "/guide/de/alt/".into(),
            to: "/guide/de/neu/".into(),
        }];
        let files = host_files("/guide/", &redirects);
        let text = |path: &str| {
            let file = files.iter().find(|file| file.path == path).unwrap();
            String::from_utf8(file.bytes.clone()).unwrap()
        };
        assert!(text("_redirects").contains("\n/guide/de/alt/ /guide/de/neu/ 301\n"));
        assert!(text(".htaccess").contains(
            "<IfModule mod_alias.c>\n  Redirect permanent /guide/de/alt/ /guide/de/neu/\n</IfModule>\n"
        ));
        assert!(
            !host_files("/", &[])
                .iter()
                .any(|file| file.path == "_redirects"),
            "no `_redirects` without moved pages"
        );
    }
}
