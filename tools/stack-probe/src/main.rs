//! The smallest page that uses each package of the stack that its features turn on.
use leptos::prelude::*;

#[cfg(feature = "net")]
#[derive(serde::Deserialize)]
struct Answer {
    status: Option<String>,
}

#[cfg(feature = "net")]
async fn load() -> String {
    let answer = match gloo_net::http::Request::get("/config.json").send().await {
        Ok(response) => response.text().await.unwrap_or_default(),
        Err(_) => String::new(),
    };
    serde_json::from_str::<Answer>(&answer)
        .ok()
        .and_then(|a| a.status)
        .unwrap_or_default()
}

#[cfg(not(feature = "net"))]
async fn load() -> String {
    String::from("loaded")
}

#[component]
fn Counter() -> impl IntoView {
    let count = RwSignal::new(0);
    #[cfg(feature = "resource")]
    let loaded = LocalResource::new(load);
    #[cfg(not(feature = "resource"))]
    let _ = load;
    #[cfg(feature = "qr")]
    let qr = qrcode::QrCode::new(b"otpauth://totp/Probe:probe?secret=JBSWY3DPEHPK3PXP")
        .map(|code| code.render::<qrcode::render::svg::Color>().build())
        .unwrap_or_default();
    #[cfg(not(feature = "qr"))]
    let qr = String::new();
    view! {
        <button on:click=move |_| count.update(|n| *n += 1)>{move || count.get()}</button>
        <p>{qr.len()}</p>
        {
            #[cfg(feature = "resource")]
            view! { <Suspense fallback=|| "…"><p>{move || loaded.get()}</p></Suspense> }
        }
    }
}

fn main() {
    #[cfg(feature = "router")]
    mount_to_body(|| {
        use leptos_router::components::{Route, Router, Routes};
        use leptos_router::path;
        view! {
            <Router>
                <Routes fallback=|| "Not found">
                    <Route path=path!("/") view=Counter />
                    <Route path=path!("/other") view=|| "other" />
                </Routes>
            </Router>
        }
    });
    #[cfg(not(feature = "router"))]
    mount_to_body(Counter);
}
