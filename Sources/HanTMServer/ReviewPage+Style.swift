extension ReviewPage {
    /// Pairs side by side in a grid; each row's colour says its state and
    /// confidence. Rows off screen are skipped by layout and paint
    /// (`content-visibility`), so a review of thousands of pairs scrolls and
    /// re-renders as one of a hundred does.
    static let style = #"""
        :root { --bar: #f7f7f8; --line: #d9dbe0; --text: #1d2128; --muted: #5b6270; --accent: #1f5fbf;
                --confirmed: #e3f4e6; --confirmed-bar: #2e8b47; --high: #ffffff; --high-bar: #9bc9a6; --low: #fff3dc; --low-bar: #e0a133;
                --lowest: #fde4e1; --lowest-bar: #c9483b; --edited: #e6eefc; --edited-bar: #4a78c9; --unpaired: #f0f0f2; --unpaired-bar: #9ca1ab; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.45 system-ui, "Noto Sans CJK KR", "Noto Sans KR", "NanumGothic", "Apple SD Gothic Neo", "Malgun Gothic", sans-serif; color: var(--text); background: #fff; }
        [hidden] { display: none !important; }
        a { color: var(--accent); }
        kbd { font: 11px/1 ui-monospace, monospace; border: 1px solid var(--line); border-bottom-width: 2px; border-radius: 3px; padding: 1px 4px; margin-left: 4px; background: #fff; color: var(--muted); }
        button, .button { font: inherit; font-size: 13px; padding: 4px 9px; border: 1px solid #b9bdc6; border-radius: 5px; background: #fff; color: var(--text); cursor: pointer; text-decoration: none; display: inline-block; }
        button:hover, .button:hover { background: #eef2f8; }
        button:disabled { opacity: .45; cursor: default; }
        button.primary, #new-submit, #commit-yes { background: var(--accent); color: #fff; border-color: var(--accent); }
        button.primary kbd { background: transparent; color: #fff; }
        .token { background: #fff7d6; border-bottom: 1px solid #e5cf7a; padding: 8px 16px; }

        main { max-width: 1100px; margin: 0 auto; padding: 16px 20px 40px; }
        h1 { font-size: 22px; margin: 8px 0; }
        h2 { font-size: 17px; margin: 24px 0 8px; }
        .lead { color: var(--muted); margin-top: 0; }
        table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); }
        th { font-size: 13px; color: var(--muted); font-weight: 600; }
        td.number { text-align: right; font-variant-numeric: tabular-nums; }
        form.new label { display: block; font-weight: 600; margin: 10px 0; }
        form.new input[type=file] { font-weight: normal; margin-left: 8px; }
        form.new textarea, form.new input:not([type]) { display: block; width: 100%; margin-top: 4px; font: inherit; font-weight: normal; padding: 6px; border: 1px solid #b9bdc6; border-radius: 5px; }
        form.new .texts { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
        #new-status { margin-left: 12px; color: var(--muted); }
        #new-status.error { color: var(--lowest-bar); }

        .bar { position: sticky; top: 0; z-index: 2; background: var(--bar); border-bottom: 1px solid var(--line); padding: 8px 16px 0; }
        .title { display: flex; align-items: baseline; gap: 16px; flex-wrap: wrap; }
        .title h1 { font-size: 18px; margin: 0; }
        .counts { color: var(--muted); font-variant-numeric: tabular-nums; }
        .counts b { color: var(--text); }
        .controls, .tools { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; margin-top: 8px; font-size: 13px; }
        .controls input[type=number] { width: 64px; font: inherit; padding: 2px 4px; }
        .hint { color: var(--muted); }
        .message { min-height: 20px; margin: 4px 0 0; font-size: 13px; }
        .message.error { color: var(--lowest-bar); font-weight: 600; }
        .message.info { color: var(--confirmed-bar); }
        .legend { display: flex; gap: 12px; flex-wrap: wrap; font-size: 12px; color: var(--muted); margin-bottom: 4px; }
        .swatch::before { content: ""; display: inline-block; width: 12px; height: 12px; margin-right: 4px; vertical-align: -2px; border-left: 4px solid; border-radius: 2px; }
        .swatch.confirmed::before { background: var(--confirmed); border-color: var(--confirmed-bar); }
        .swatch.high::before { background: var(--high); border-color: var(--high-bar); box-shadow: inset 0 0 0 1px var(--line); }
        .swatch.low::before { background: var(--low); border-color: var(--low-bar); }
        .swatch.lowest::before { background: var(--lowest); border-color: var(--lowest-bar); }
        .swatch.edited::before { background: var(--edited); border-color: var(--edited-bar); }
        .swatch.unpaired::before { background: var(--unpaired); border-color: var(--unpaired-bar); }
        .columns, .pair { display: grid; grid-template-columns: 52px 1fr 1fr 92px; }
        .columns { font-size: 12px; font-weight: 600; color: var(--muted); padding: 4px 0; }
        .columns span { padding: 0 10px; }
        .committed { background: var(--confirmed); border-bottom: 1px solid var(--line); padding: 10px 16px; }

        .pair { border-bottom: 1px solid var(--line); border-left: 5px solid var(--high-bar); background: var(--high);
                content-visibility: auto; contain-intrinsic-size: auto 64px; scroll-margin-top: 200px; scroll-margin-bottom: 40px; }
        .pair > div { padding: 6px 10px; min-width: 0; overflow-wrap: anywhere; }
        .pair .n { color: var(--muted); font-size: 12px; text-align: right; font-variant-numeric: tabular-nums; }
        .pair .conf { font-size: 13px; font-variant-numeric: tabular-nums; color: var(--muted); }
        .pair .side + .side { border-left: 1px solid var(--line); }
        .pair.low { background: var(--low); border-left-color: var(--low-bar); }
        .pair.lowest { background: var(--lowest); border-left-color: var(--lowest-bar); }
        .pair.edited { background: var(--edited); border-left-color: var(--edited-bar); }
        .pair.confirmed { background: var(--confirmed); border-left-color: var(--confirmed-bar); }
        .pair.confirmed .conf { color: var(--confirmed-bar); font-weight: 600; }
        .pair.unpaired { background: var(--unpaired); border-left-color: var(--unpaired-bar); }
        .pair .missing { color: var(--muted); font-style: italic; font-size: 13px; }
        .pair .s { border-radius: 3px; cursor: text; }
        .pair .s + .s { margin-left: .3em; }
        .pair .s + .s::before { content: "│"; color: #b3b8c2; margin-right: .3em; }
        .pair.current { outline: 2px solid var(--accent); outline-offset: -2px; position: relative; }
        .pair.current .side.current .s.current { background: #cfe0ff; box-shadow: 0 0 0 2px #cfe0ff; }
        .pair.marked { box-shadow: inset 0 0 0 3px #8a5cd6; }
        .pairs.filtered .pair:not(.todo) { display: none; }
        .pairs.closed .s { cursor: default; }
        textarea.editing { width: 100%; font: inherit; padding: 4px; border: 2px solid var(--accent); border-radius: 4px; resize: vertical; }
        @media (max-width: 800px) { form.new .texts { grid-template-columns: 1fr; } .columns, .pair { grid-template-columns: 36px 1fr 1fr 64px; } }
        """#
}
