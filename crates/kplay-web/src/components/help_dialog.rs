//! Keyboard shortcuts and a one-paragraph guide to what the picture shows.

use yew::prelude::*;

/// The help dialog (modal; Escape or the button closes it). `button` is the close button's ref: the app moves
/// focus to it when the dialog opens, so keyboard users land in it. A plain function, not a component (each
/// component type costs about 1 KB of wasm).
pub fn help_dialog(close: Callback<MouseEvent>, button: NodeRef) -> Html {
    let keys = [
        ("Space", "play / pause"),
        ("→", "step 100 ms of virtual time (pauses)"),
        ("+ / −", "faster / slower (0.1× to 50×)"),
        (
            "Ctrl + wheel",
            "zoom the picture (Fit resets it; scroll to pan)",
        ),
        ("?", "this help"),
        ("Esc", "close"),
    ];
    html! {
        <div class="dialog-backdrop">
            <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="help-title" data-testid="help-dialog">
                <h2 id="help-title">{ "How to read kplay" }</h2>
                <p>{ "Producers (left) append records to partitions. Each lane is one partition's log: the newest \
                      offsets as cells, coloured by key, so all records of one key stay in one lane, in order. \
                      A consumer group is the instances of one consumer class; each instance runs its own consumer \
                      threads (@KafkaListener concurrency = threads per instance; the group has instances × \
                      threads members). Each partition is owned by exactly one thread per group (the lines); \
                      extra threads stay idle. A record is processed when a thread polls it; its offset is \
                      committed later, so after a crash the group reads again from the committed offset and \
                      processes those records again (reprocessed)." }</p>
                <table class="keys">
                    { crate::components::table::head(&["Key", "Does"]) }
                    <tbody>
                        { for keys.iter().map(|(k, d)| html! { <tr><td><kbd>{ *k }</kbd></td><td>{ *d }</td></tr> }) }
                    </tbody>
                </table>
                <button class="btn primary" ref={button} onclick={close}>{ "Close" }</button>
            </div>
        </div>
    }
}
