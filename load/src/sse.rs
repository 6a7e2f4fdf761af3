//! Reads a Server-Sent Events stream as it arrives in chunks: the id of each event once the blank
//! line that ends it has arrived, which is when a browser would dispatch it.

/// How much of a line is kept to tell what it is (`id:`, `data:`); a data line's content is not
/// needed, and copying ten thousand streams' data would make the tool the bottleneck.
const KEPT: usize = 32;

/// An incremental reader of one stream.
#[derive(Debug, Default)]
pub struct SseReader {
    /// The beginning (up to [`KEPT`] bytes) of the unfinished last line of the chunks so far.
    partial: Vec<u8>,
    /// The id of the event being read, once its `id:` line has arrived.
    id: Option<i64>,
    /// Whether the event being read has any field yet (a lone comment is no event).
    has_data: bool,
}

impl SseReader {
    /// Feeds a chunk; the ids of the events it completes, in order. Events without an id (keep-
    /// alive comments, retry hints) complete nothing.
    pub fn feed(&mut self, chunk: &[u8]) -> Vec<i64> {
        let mut done = Vec::new();
        let mut rest = chunk;
        while let Some(end) = memchr::memchr(b'\n', rest) {
            let (line, after) = rest.split_at(end);
            rest = &after[1..];
            if self.partial.is_empty() {
                self.line(line, &mut done);
            } else {
                let mut whole = std::mem::take(&mut self.partial);
                keep(&mut whole, line);
                self.line(&whole, &mut done);
            }
        }
        keep(&mut self.partial, rest);
        done
    }

    fn line(&mut self, line: &[u8], done: &mut Vec<i64>) {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.is_empty() {
            if let (Some(id), true) = (self.id.take(), self.has_data) {
                done.push(id);
            }
            self.has_data = false;
            return;
        }
        if let Some(value) = line.strip_prefix(b"id:") {
            self.id = std::str::from_utf8(value)
                .ok()
                .and_then(|v| v.trim().parse().ok());
        } else if line.starts_with(b"data:") {
            self.has_data = true;
        }
    }
}

/// Appends the start of `more` to `line`, up to [`KEPT`] bytes in all.
fn keep(line: &mut Vec<u8>, more: &[u8]) {
    let room = KEPT.saturating_sub(line.len());
    line.extend_from_slice(&more[..more.len().min(room)]);
}

#[cfg(test)]
mod tests {
    use super::SseReader;

    #[test]
    fn an_event_counts_once_its_blank_line_arrives() {
        let mut reader = SseReader::default();
        assert!(reader
            .feed(b"event: state\nid: 7\ndata: {\"a\":")
            .is_empty());
        assert!(reader.feed(b"1}\n").is_empty());
        assert_eq!(
            reader.feed(b"\nevent: state\nid: 8\ndata: {}\n\n"),
            vec![7, 8]
        );
    }

    #[test]
    fn lines_split_across_chunks_are_joined() {
        let mut reader = SseReader::default();
        assert!(reader.feed(b"i").is_empty());
        assert!(reader.feed(b"d: 4").is_empty());
        assert!(reader.feed(b"2\r\ndata: x\r\n").is_empty());
        assert_eq!(reader.feed(b"\r\n"), vec![42]);
    }

    #[test]
    fn a_long_data_line_across_many_chunks_is_one_event() {
        let mut reader = SseReader::default();
        assert!(reader.feed(b"id: 9\ndata: ").is_empty());
        for _ in 0..1000 {
            assert!(reader.feed(&[b'x'; 100]).is_empty());
        }
        assert!(reader.partial.len() <= super::KEPT);
        assert_eq!(reader.feed(b"\n\n"), vec![9]);
    }

    #[test]
    fn comments_and_retry_hints_are_not_events() {
        let mut reader = SseReader::default();
        assert!(reader.feed(b": live\nretry: 1000\n\n:\n\n").is_empty());
        // An id without data is not dispatched either, and does not leak into the next event.
        assert!(reader.feed(b"id: 3\n\ndata: y\n\n").is_empty());
    }
}
