//! Draws a QR code as SVG text: black on white with the quiet zone, so it scans in dark mode too.
//! The encoder is the `qrcode` crate (error correction level M, the smallest version that fits);
//! the SVG is one path of unit squares in a fixed 200 × 200 picture, which the crate's own SVG
//! renderer does not draw (it sizes the picture by pixels per module).

use qrcode::{Color, EcLevel, QrCode};
use std::fmt::Write;

/// The white border around the code, in modules, as the standard asks.
const QUIET_ZONE: i32 = 4;

/// The code's modules, dark as `true`, row by row, without the quiet zone; `None` when the text is
/// too long to encode.
pub fn qr_modules(text: &str) -> Option<Vec<Vec<bool>>> {
    let code = QrCode::with_error_correction_level(text, EcLevel::M).ok()?;
    let dark: Vec<bool> = code.to_colors().into_iter().map(|c| c == Color::Dark).collect();
    Some(dark.chunks(code.width()).map(<[bool]>::to_vec).collect())
}

/// The SVG of a QR code for `text`, or `None` when the text is too long to encode.
pub fn qr_svg(text: &str) -> Option<String> {
    let modules = qr_modules(text)?;
    let side = modules.len() as i32 + 2 * QUIET_ZONE;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {side} {side}\" width=\"200\" height=\"200\" \
         shape-rendering=\"crispEdges\"><rect width=\"{side}\" height=\"{side}\" fill=\"#ffffff\"/><path fill=\"#000000\" d=\""
    );
    for (y, row) in (QUIET_ZONE..).zip(&modules) {
        for (x, _) in (QUIET_ZONE..).zip(row).filter(|(_, dark)| **dark) {
            let _ = write!(svg, "M{x} {y}h1v1h-1z");
        }
    }
    svg.push_str("\"/></svg>");
    Some(svg)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads the code back with an independent decoder (native only, like the decoder crate), from
    /// a picture of it drawn 4 pixels per module with the quiet zone, as a camera would see it.
    #[cfg(not(target_arch = "wasm32"))]
    fn decode(modules: &[Vec<bool>]) -> String {
        const SCALE: usize = 4;
        let quiet = QUIET_ZONE as usize;
        let side = (modules.len() + 2 * quiet) * SCALE;
        let mut image = rqrr::PreparedImage::prepare_from_greyscale(side, side, |x, y| {
            let (mx, my) = ((x / SCALE).wrapping_sub(quiet), (y / SCALE).wrapping_sub(quiet));
            let dark = modules.get(my).and_then(|row| row.get(mx)).copied().unwrap_or(false);
            if dark {
                0
            } else {
                255
            }
        });
        let grids = image.detect_grids();
        assert_eq!(grids.len(), 1, "one code in the picture");
        grids[0].decode().expect("the code decodes").1
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn an_otpauth_uri_reads_back_unchanged() {
        for uri in [
            "otpauth://totp/Example:demo%40example.com?secret=G7NMO7RKZNS3PXQQ&issuer=Example",
            "otpauth://totp/%D0%9F%D1%80%D0%B8%D0%BC%D0%B5%D1%80:a?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=%D0%9F",
        ] {
            let modules = qr_modules(uri).expect("encodes");
            assert_eq!(decode(&modules), uri);
        }
    }

    #[test]
    fn draws_black_squares_on_white_with_the_quiet_zone() {
        let uri = "otpauth://totp/Example:demo?secret=G7NMO7RKZNS3PXQQ&issuer=Example";
        let modules = qr_modules(uri).expect("encodes");
        let svg = qr_svg(uri).expect("encodes");
        let side = modules.len() as i32 + 2 * QUIET_ZONE;
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains(&format!("viewBox=\"0 0 {side} {side}\"")));
        assert!(svg.contains(&format!("<rect width=\"{side}\" height=\"{side}\" fill=\"#ffffff\"/>")));
        assert!(svg.contains("fill=\"#000000\""));
        let dark = modules.iter().flatten().filter(|d| **d).count();
        assert_eq!(svg.matches("h1v1h-1z").count(), dark, "one square per dark module");
        // The top-left finder pattern starts right after the quiet zone.
        assert!(svg.contains(&format!("M{QUIET_ZONE} {QUIET_ZONE}h1v1h-1z")));
    }

    #[test]
    fn too_long_text_gives_none() {
        assert_eq!(qr_svg(&"x".repeat(10_000)), None);
    }
}
