//! Ready-made configuration for static hosts: the one list of security headers the project
//! recommends, written into the output as `_headers` (Netlify, Cloudflare Pages),
//! `nginx-security-headers.conf` (an nginx snippet for a `server` or `location` block) and
//! `.htaccess` (Apache). Tests serve the site with these very headers, so what we recommend
//! is what we test.

use crate::site::OutputFile;

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

/// Returns the host configuration files for a site served under `base_path`.
pub fn host_files(base_path: &str) -> Vec<OutputFile> {
    vec![
        OutputFile {
            path: "_headers".into(),
            bytes: netlify_headers(base_path).into_bytes(),
        },
        OutputFile {
            path: "nginx-security-headers.conf".into(),
            bytes: nginx_snippet(base_path).into_bytes(),
        },
        OutputFile {
            path: ".htaccess".into(),
            bytes: htaccess(base_path).into_bytes(),
        },
    ]
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

fn htaccess(base_path: &str) -> String {
    let mut text = String::from("# Security headers for Apache (mod_headers), written by the generator.\n<IfModule mod_headers.c>\n");
    for (name, value) in SECURITY_HEADERS {
        text.push_str(&format!("  Header always set {name} \"{value}\"\n"));
    }
    text.push_str("</IfModule>\n");
    text.push_str("AddType application/wasm .wasm\n");
    text.push_str(&format!("ErrorDocument 404 {base_path}404.html\n"));
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_host_file_carries_every_header() {
        for file in host_files("/guide/") {
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
}
