//! The Compare area: ONE side-by-side view drawn from a contrast's data ([`crate::compare::Def`] and the
//! [`crate::compare::Panel`] the model publishes), for every contrast. Plain functions, not components: the
//! area shows the clock's numbers, so it re-renders with every frame anyway, and each component type costs
//! about 1 KB of wasm.

use crate::compare::{Edit, View};
use crate::components::field::field_input;
use crate::components::line_chart::{line_chart, Series};
use crate::components::markup::{self, alert, h2, hint, raw, wrap};
use crate::format::thousands;
use crate::hooks::use_simulation::SimHandle;
use crate::i18n::{rules::translate_problem, I18n};
use yew::prelude::*;

/// `cmp.<view>.<what>`.
fn key(view: View, what: &str) -> String {
    String::from("cmp.") + view.id() + "." + what
}

/// Every button of the area, through the app's one [`markup::button`]: `pressed` for the switches
/// (`aria-pressed`, filled when on), `None` for an action (`disabled` once used, filled while its box is down).
/// `class` is `small` or `danger`.
fn button(
    class: &'static str,
    id: String,
    pressed: Option<bool>,
    disabled: bool,
    label: String,
    onclick: Callback<MouseEvent>,
    down: bool,
) -> Html {
    let on = down || pressed == Some(true);
    // Literal class lists (no concatenation per render).
    let class = match (class, on) {
        ("small", false) => "btn small",       // i18n-ok: CSS classes
        ("small", true) => "btn small active", // i18n-ok: CSS classes
        (_, false) => "btn danger",            // i18n-ok: CSS classes
        (_, true) => "btn danger active",      // i18n-ok: CSS classes
    };
    markup::button(
        class,
        pressed,
        Some(id.into()),
        None,
        None,
        disabled,
        onclick,
        label,
    )
}

/// The top-level switch between the playground and the Compare area (`open`: the area is shown). Switching
/// clears the area's refused-number message (`error`), which belonged to the field as it was then.
pub fn area_switch(
    i18n: &I18n,
    sim: &SimHandle,
    open: bool,
    error: &UseStateHandle<String>,
) -> Html {
    let kept = sim.with(|s| s.compare.as_ref().map_or(View::Http, |c| c.view));
    let switch = |area: Option<View>, label: &str, id: &str| {
        let (sim, error) = (sim.clone(), error.clone());
        let onclick = Callback::from(move |_: MouseEvent| {
            let _ = sim.compare(Edit::Area(area));
            error.set(String::new());
        });
        button(
            "small",
            id.into(),
            Some(area.is_some() == open),
            false,
            i18n.t(label),
            onclick,
            false,
        )
    };
    html! {
        <nav class="areas" aria-label={i18n.t("cmp.areas")}>
            { switch(None, "cmp.playground", "area-playground") }
            { switch(Some(kept), "cmp.area", "area-compare") }
        </nav>
    }
}

/// The Compare area; `error` holds the last refused number's message (empty: none).
pub fn compare_area(i18n: &I18n, sim: &SimHandle, error: &UseStateHandle<String>) -> Html {
    let Some((view, values, used, down, panel)) = sim.with(|s| {
        s.compare.as_ref().map(|c| {
            let acts = 0..c.view.def().actions.len();
            let used: Vec<bool> = acts.clone().map(|i| c.used(i)).collect();
            let down: Vec<bool> = acts.map(|i| c.down(i)).collect();
            (c.view, c.values.clone(), used, down, c.panel.clone())
        })
    }) else {
        return html! {};
    };
    let def = view.def();
    let send = {
        let (sim, error) = (sim.clone(), error.clone());
        Callback::from(move |e: Edit| error.set(sim.compare(e).err().unwrap_or_default()))
    };
    let tabs = View::ALL.iter().map(|&v| {
        let onclick = send.reform(move |_: MouseEvent| Edit::Area(Some(v)));
        let id = String::from("cmp-view-") + v.id();
        button(
            "small",
            id,
            Some(v == view),
            false,
            i18n.t(&key(v, "title")),
            onclick,
            false,
        )
    });
    let shown = translate_problem(i18n, error);
    let mut placed = false;
    let params = def
        .params
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let id = String::from("cmp-") + &p.path.replace('.', "-");
            let mine = error
                .strip_prefix(p.path)
                .is_some_and(|r| r.starts_with(':'));
            placed |= mine;
            let on_input = send.reform(move |text: String| Edit::Set(i, text));
            let error = if mine { shown.clone() } else { String::new() };
            field_input(
                &id,
                &i18n.t(&key(view, p.path)),
                "text",
                values[i].to_string(),
                "",
                error,
                &on_input,
            )
        })
        .collect::<Html>();
    let actions = def.actions.iter().enumerate().map(|(i, a)| {
        let onclick = send.reform(move |_: MouseEvent| Edit::Act(i));
        let label = i18n.t(&key(view, &(String::from("act.") + a)));
        button(
            "danger",
            String::from("cmp-act-") + a,
            None,
            used[i],
            label,
            onclick,
            down[i],
        )
    });
    let boxes = def.boxes.iter().map(|(b, act)| {
        let is_down = act.is_some_and(|a| down[a]);
        html! { <li class={if is_down { "down" } else { "" }}>{ i18n.t(&(String::from("cmp.box.") + b)) }</li> }
    });
    let cell = |c: Option<u64>| c.map_or_else(|| "—".to_string(), thousands);
    let label = |r: &str| i18n.t(&key(view, &(String::from("row.") + r)));
    let sides = [i18n.t(&key(view, "left")), i18n.t(&key(view, "right"))];
    // The numbers: read-only, one string of markup, escaped (see [`raw`]).
    let mut table =
        String::from("<table class=\"cmp-table\" data-testid=\"cmp-table\"><thead><tr><td></td>");
    wrap(&mut table, "<th scope=\"col\">", &sides[0], "</th>");
    wrap(
        &mut table,
        "<th scope=\"col\">",
        &sides[1],
        "</th></tr></thead><tbody>",
    );
    for (r, c) in def.rows.iter().zip(&panel.rows) {
        wrap(
            &mut table,
            "<tr data-testid=\"cmp-row-",
            r,
            "\"><th scope=\"row\">",
        );
        wrap(&mut table, "", &label(r), "</th>");
        wrap(&mut table, "<td>", &cell(c[0]), "</td>");
        wrap(&mut table, "<td>", &cell(c[1]), "</td></tr>");
    }
    table.push_str("</tbody></table>");
    let charts = def
        .charts
        .iter()
        .zip(&panel.charts)
        .map(|(&(row, per_s), (from, data))| {
            let series: Vec<Series> = (0..2)
                .map(|s| Series {
                    name: sides[s].clone(),
                    class: if s == 0 { "g0" } else { "g1" }.into(),
                    points: data[s]
                        .iter()
                        .enumerate()
                        .map(|(i, v)| ((from + i as u64) as f64, *v as f64))
                        .collect(),
                })
                .collect();
            let unit = i18n.t(if per_s {
                "cmp.unit.per_s"
            } else {
                "cmp.unit.now"
            });
            line_chart(i18n, &label(def.rows[row]), &unit, &series, &[])
        });
    html! {
        <main class="compare" data-testid="compare" aria-label={i18n.t("cmp.area")}>
            <div class="cmp-views" role="group" aria-label={i18n.t("cmp.views")}>{ for tabs }</div>
            { h2(i18n.t(&key(view, "title"))) }
            { hint(i18n.t(&key(view, "intro"))) }
            if panel.now_ms >= crate::compare::MAX_MS { <p class="hint" data-testid="cmp-stopped">{ i18n.t("cmp.stopped") }</p> }
            if !def.boxes.is_empty() { <ol class="cmp-boxes" data-testid="cmp-boxes">{ for boxes }</ol> }
            <div class="cmp-body">
                <section class="cmp-params" aria-label={i18n.t("cmp.params")}>
                    { params }
                    if !placed && !error.is_empty() { { alert(Some("cmp-error"), shown) } }
                    <div class="cmp-actions">{ for actions }</div>
                </section>
                { raw(table) }
                <div class="charts cmp-charts">{ for charts }</div>
            </div>
        </main>
    }
}
