//! Draws a QR code as SVG text: black on white with the quiet zone, so it scans in dark mode too.

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

/// The SVG of a QR code for `text`, or `None` when the text is too long to encode.
pub fn qr_svg(text: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    Some(
        code.render::<svg::Color>()
            .min_dimensions(200, 200)
            .dark_color(svg::Color("#000000"))
            .light_color(svg::Color("#ffffff"))
            .quiet_zone(true)
            .build(),
    )
}

#[cfg(test)]
mod tests {
    use super::qr_svg;

    #[test]
    fn draws_an_svg_with_white_background() {
        let svg = qr_svg("otpauth://totp/Example:demo?secret=G7NMO7RKZNS3PXQQ&issuer=Example").expect("encodes");
        assert!(svg.contains("<svg"));
        assert!(svg.contains("#ffffff"));
        assert!(svg.contains("#000000"));
    }

    #[test]
    fn too_long_text_gives_none() {
        assert_eq!(qr_svg(&"x".repeat(10_000)), None);
    }
}
