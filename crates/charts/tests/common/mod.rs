//! Checks shared by the render tests: SVG parsed as XML, PNG decoded.

use quick_xml::events::Event;
use quick_xml::Reader;

/// The text of every `<text>` element, failing the test if the SVG is not well-formed XML
/// (mismatched tags, a stray `<` or `&`, a missing root).
pub fn svg_texts(svg: &str) -> Vec<String> {
    let mut reader = Reader::from_str(svg);
    let (mut texts, mut current, mut depth, mut roots) = (Vec::new(), None::<String>, 0, 0);
    loop {
        match reader.read_event() {
            Err(e) => panic!(
                "SVG is not well-formed at {}: {e}",
                reader.buffer_position()
            ),
            Ok(Event::Eof) => break,
            Ok(Event::Start(e)) => {
                if depth == 0 {
                    roots += 1;
                    assert_eq!(name(&e.name()), "svg", "root element");
                }
                depth += 1;
                if name(&e.name()) == "text" {
                    current = Some(String::new());
                }
            }
            Ok(Event::End(e)) => {
                depth -= 1;
                if name(&e.name()) == "text" {
                    texts.push(current.take().unwrap_or_default().trim().to_string());
                }
            }
            Ok(Event::Text(t)) => {
                if let Some(c) = current.as_mut() {
                    c.push_str(&t.xml10_content());
                }
            }
            Ok(Event::GeneralRef(r)) => {
                let name = r.xml10_content();
                let ch = match name.as_ref() {
                    "lt" => "<",
                    "gt" => ">",
                    "amp" => "&",
                    "quot" => "\"",
                    "apos" => "'",
                    other => panic!("unexpected entity &{other};"),
                };
                if let Some(c) = current.as_mut() {
                    c.push_str(ch);
                }
            }
            Ok(_) => {}
        }
    }
    assert_eq!((depth, roots), (0, 1), "one closed <svg> root");
    texts
}

pub struct Decoded {
    pub width: u32,
    pub height: u32,
    /// RGB(A) bytes as decoded.
    pub pixels: Vec<u8>,
    pub channels: usize,
}

pub fn decode_png(bytes: &[u8]) -> Decoded {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().expect("PNG header");
    let mut buf = vec![0; reader.output_buffer_size().expect("buffer size")];
    let info = reader.next_frame(&mut buf).expect("PNG frame");
    buf.truncate(info.buffer_size());
    Decoded {
        width: info.width,
        height: info.height,
        channels: info.color_type.samples(),
        pixels: buf,
    }
}

impl Decoded {
    pub fn distinct_colours(&self) -> usize {
        let mut set = std::collections::HashSet::new();
        for px in self.pixels.chunks(self.channels) {
            set.insert(px.to_vec());
        }
        set.len()
    }

    pub fn pixel(&self, x: u32, y: u32) -> Vec<u8> {
        let i = (y as usize * self.width as usize + x as usize) * self.channels;
        self.pixels[i..i + self.channels].to_vec()
    }
}

fn name(q: &quick_xml::name::QName<'_>) -> String {
    AsRef::<str>::as_ref(q).to_string()
}
