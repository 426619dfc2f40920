//! Share-link decoding (`checklist_core::share`): the first byte picks how the rest is read.
//! Even: the rest is a link as pasted (`#share=v1.<data>`). Odd: the rest is the payload,
//! framed as a real link (deflated and base64url-encoded), so the fuzzer reaches the import
//! behind the framing. Properties: decoding a framed payload is exactly importing it; every
//! link that decodes encodes again and decodes to the same workspace; the size limits hold.

use checklist_core::deflate::deflate;
use checklist_core::exchange::import_vendors;
use checklist_core::share::{self, base64url, ShareError, MAX_INFLATED_BYTES, MAX_LINK_CHARS};

/// Checks one input; panics when a property fails. Returns whether the parser accepted it.
pub fn check(data: &[u8]) -> bool {
    let def = crate::real_checklist();
    let Some((&mode, rest)) = data.split_first() else {
        return false;
    };
    let decoded = if mode % 2 == 0 {
        let Ok(link) = std::str::from_utf8(rest) else {
            return false;
        };
        let decoded = share::decode(def, link);
        if link.len() > MAX_LINK_CHARS {
            assert_eq!(decoded, Err(ShareError::TooLong(link.len())));
        }
        decoded
    } else {
        let link = format!("v1.{}", base64url::encode(&deflate(rest)));
        let decoded = share::decode(def, &link);
        let expected = if link.len() > MAX_LINK_CHARS {
            Err(ShareError::TooLong(link.len()))
        } else if rest.len() > MAX_INFLATED_BYTES {
            Err(ShareError::Corrupt)
        } else {
            match std::str::from_utf8(rest) {
                Err(_) => Err(ShareError::Corrupt),
                Ok(json) => import_vendors(def, json).map_err(ShareError::Invalid),
            }
        };
        assert_eq!(
            decoded, expected,
            "a framed payload decodes unlike its import"
        );
        decoded
    };
    let Ok(report) = decoded else {
        return false;
    };
    {
        assert!(
            !report.workspace.vendors.is_empty(),
            "a link without vendors was accepted"
        );
        match share::encode(def, &report.workspace) {
            Ok(link) => {
                let again = share::decode(def, &link)
                    .unwrap_or_else(|err| panic!("our own link does not decode: {err}"));
                assert_eq!(
                    again.workspace, report.workspace,
                    "the link changed the workspace"
                );
                assert!(link.len() < MAX_LINK_CHARS);
            }
            Err(ShareError::TooLong(_)) => {}
            Err(err) => panic!("encode failed: {err}"),
        }
    }
    true
}
