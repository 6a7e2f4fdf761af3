//! The browser's side of the live stream: one EventSource per page, whose `state` events replace
//! the page's live view and whose `patch` events change it, a connection indicator, and a clock
//! for the countdown. On the server
//! (and without JavaScript) the page shows the state it was rendered with.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use plenary_core::views::LiveView;

/// Whether the page hears the live stream.
// Only the browser build ever connects.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Connection {
    /// Rendered on the server; not (yet) listening.
    Static,
    Connecting,
    Live,
    /// The stream dropped; the browser is reconnecting by itself.
    Reconnecting,
}

impl Connection {
    pub fn label(self) -> String {
        let i18n = crate::i18n::use_i18n();
        use crate::i18n::t_string;
        match self {
            Connection::Static => t_string!(i18n, conn_static),
            Connection::Connecting => t_string!(i18n, conn_connecting),
            Connection::Live => t_string!(i18n, conn_live),
            Connection::Reconnecting => t_string!(i18n, conn_down),
        }
        .to_string()
    }

    pub fn class(self) -> &'static str {
        match self {
            Connection::Live => "live",
            Connection::Reconnecting => "down",
            _ => "static",
        }
    }
}

/// The page's live view, kept up to date by the stream once hydrated.
#[derive(Clone, Copy)]
pub struct Live {
    pub view: RwSignal<LiveView>,
    pub connection: RwSignal<Connection>,
    /// Now, ticking every second in the browser (the render time on the server).
    pub clock: RwSignal<DateTime<Utc>>,
}

impl Live {
    /// Starts listening to assembly `view.number`'s stream (in the browser).
    pub fn subscribe(initial: LiveView) -> Live {
        let live = Live {
            view: RwSignal::new(initial),
            connection: RwSignal::new(Connection::Static),
            clock: RwSignal::new(Utc::now()),
        };
        #[cfg(feature = "hydrate")]
        browser::listen(live);
        live
    }

    /// Seconds left on the countdown, as of the clock.
    pub fn seconds_left(self) -> Option<i64> {
        let now = self.clock.get();
        self.view
            .with(|v| v.now.as_ref().map(|n| n.timer.left(now)))
    }
}

/// "4:05", or "−0:12" once the time is over.
pub fn countdown(seconds: i64) -> String {
    let sign = if seconds < 0 { "−" } else { "" };
    let s = seconds.abs();
    format!("{sign}{}:{:02}", s / 60, s % 60)
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::*;
    use plenary_core::live::LiveDocument;
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    use web_sys::{EventSource, MessageEvent};

    /// The page's stream: the EventSource open now and the view's document the patches apply to.
    #[derive(Clone)]
    struct Stream {
        live: Live,
        document: Rc<RefCell<Option<LiveDocument>>>,
        source: Rc<RefCell<Option<EventSource>>>,
    }

    pub fn listen(live: Live) {
        // The stream and the clock start only after hydration, so the first render matches the server's.
        Effect::new(move |started: Option<()>| {
            if started.is_some() {
                return;
            }
            let stream = Stream {
                live,
                document: Rc::new(RefCell::new(LiveDocument::of(&live.view.get_untracked()))),
                source: Rc::default(),
            };
            stream.open();
            let source = send_wrapper::SendWrapper::new(stream.source.clone());
            on_cleanup(move || {
                if let Some(source) = source.borrow_mut().take() {
                    source.close();
                }
            });

            let tick = set_interval_with_handle(
                move || live.clock.set(now()),
                std::time::Duration::from_millis(500),
            );
            live.clock.set(now());
            if let Ok(handle) = tick {
                on_cleanup(move || handle.clear());
            }
        });
    }

    impl Stream {
        /// Opens a new EventSource (closing the one before): its first event is the full state.
        fn open(&self) {
            let live = self.live;
            if let Some(old) = self.source.borrow_mut().take() {
                old.close();
            }
            live.connection.set(Connection::Connecting);
            let number = live.view.get_untracked().number;
            let Ok(source) = EventSource::new(&format!("/api/assemblies/{number}/events")) else {
                live.connection.set(Connection::Reconnecting);
                return;
            };
            let me = self.clone();
            let on_state = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                if let Some(text) = event.data().as_string() {
                    if let Some((document, view)) = LiveDocument::from_state(&text) {
                        *me.document.borrow_mut() = Some(document);
                        me.live.view.set(view);
                    }
                }
                me.live.connection.set(Connection::Live);
            });
            let me = self.clone();
            let on_patch = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                let text = event.data().as_string().unwrap_or_default();
                let view = me
                    .document
                    .borrow_mut()
                    .as_mut()
                    .and_then(|d| d.apply(&text));
                match view {
                    Some(view) => me.live.view.set(view),
                    // Made for a state this page does not hold: start again from the full state.
                    None => me.open(),
                }
            });
            let on_open =
                Closure::<dyn FnMut()>::new(move || live.connection.set(Connection::Live));
            let on_error =
                Closure::<dyn FnMut()>::new(move || live.connection.set(Connection::Reconnecting));
            let _ =
                source.add_event_listener_with_callback("state", on_state.as_ref().unchecked_ref());
            let _ =
                source.add_event_listener_with_callback("patch", on_patch.as_ref().unchecked_ref());
            source.set_onopen(Some(on_open.as_ref().unchecked_ref()));
            source.set_onerror(Some(on_error.as_ref().unchecked_ref()));
            // The source owns them for its whole life (a page opens another only on a rare miss).
            on_state.forget();
            on_patch.forget();
            on_open.forget();
            on_error.forget();
            *self.source.borrow_mut() = Some(source);
        }
    }

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::countdown;

    #[test]
    fn countdowns_read_as_minutes_and_seconds() {
        assert_eq!(countdown(245), "4:05");
        assert_eq!(countdown(0), "0:00");
        assert_eq!(countdown(-12), "−0:12");
    }
}
