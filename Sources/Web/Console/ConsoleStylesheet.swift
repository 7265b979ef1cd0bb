/// The console's additions to the portal's stylesheet (same variables, same contrast):
/// wider pages, data tables that scroll sideways on a phone, figures, the token box.
enum ConsoleStylesheet {
    static let source = #"""
    main.console { max-width: 72rem; }
    .site-header .bar, .nav ul { max-width: 72rem; }
    .console-mark { background: var(--ink); }
    .console-who { font-size: .875rem; max-width: 22rem; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .console .card { margin-bottom: 1.25rem; }
    .table-wrap { overflow-x: auto; margin: 0 0 1rem; }
    table.data { width: 100%; border-collapse: collapse; font-size: .95rem; }
    table.data th, table.data td { text-align: left; padding: .55rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
    table.data th { font-size: .8rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
    table.data tr:hover td { background: var(--page); }
    .figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr)); gap: .75rem; margin: 0 0 1rem; padding: 0; list-style: none; }
    .figures li { background: var(--page); border-radius: 10px; padding: .75rem .9rem; }
    .figures a { display: block; text-decoration: none; color: var(--ink); }
    .figures a:hover .label { color: var(--accent); }
    .figures .figure { display: block; font-size: 1.6rem; font-weight: 700; line-height: 1.2; }
    .figures .label { color: var(--muted); font-size: .9rem; }
    .toolbar { display: flex; flex-wrap: wrap; align-items: flex-end; gap: .5rem 1rem; margin-bottom: 1rem; }
    .toolbar .field { margin: 0; flex: 0 1 24rem; }
    .toolbar .button { margin: 0; }
    .secret { display: block; font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .95rem; background: var(--warn-soft); color: var(--ink); padding: .75rem; border-radius: 8px; user-select: all; overflow-wrap: anywhere; }
    .groups { display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: .75rem; list-style: none; padding: 0; margin: 0; }
    .groups > li { border: 1px solid var(--line); border-radius: 10px; padding: .75rem .9rem; background: var(--card); }
    .groups h3 { margin: 0 0 .35rem; font-size: .9rem; color: var(--muted); }
    .groups ul { margin: 0; padding-left: 1.1rem; }
    .steps li { margin-bottom: .5rem; }
    .console .actions { margin-bottom: 1rem; }
    input[type="password"], input[type="number"], input[type="datetime-local"] {
      font: inherit; color: var(--ink); background: var(--card); width: 100%; max-width: 32rem;
      padding: .6rem .7rem; border: 1px solid #8a939e; border-radius: 8px; min-height: 2.75rem;
    }
    input[type="number"] { max-width: 8rem; }
    code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .92em; background: var(--page); padding: .05rem .3rem; border-radius: 4px; }
    .two-columns { display: grid; gap: 1.25rem; }
    @media (min-width: 56rem) { .two-columns { grid-template-columns: 1fr 1fr; } }
    /* console-a: phone layout. The page never scrolls sideways: main may shrink below its
       content, the tab bar wraps, long addresses break, and data tables become stacked
       rows with each cell's column name before it (data-label). */
    main.console { min-width: 0; }
    /* A word breaks only where it would overflow: `anywhere` also let the table shrink its
       columns below a word's width ("Waitin/g"). Phones, below, may break anywhere. */
    table.data td { overflow-wrap: break-word; }
    ul.plain { list-style: none; margin: 0; padding: 0; }
    .value-counts li { display: inline; }
    .value-counts li + li::before { content: ", "; }
    .mapping { display: grid; gap: 0 1rem; }
    @media (min-width: 48rem) { .mapping { grid-template-columns: 1fr 1fr; } }
    .mapping .field .label { display: block; font-weight: 600; }
    progress.import-progress { width: 100%; height: 1.25rem; }
    .mapping-table input[type="text"], .mapping-table select { width: 100%; max-width: none; min-width: 0; }
    @media (min-width: 48rem) { .mapping-table td:first-child { width: 65%; } }
    @media (max-width: 40rem) {
      .nav ul { flex-wrap: wrap; overflow-x: visible; }
      .nav a { padding: .55rem .5rem; }
      .console-who { max-width: 100%; white-space: normal; }
      .console .card { padding-left: .9rem; padding-right: .9rem; }
      .table-wrap { overflow-x: visible; }
      table.data thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
      table.data, table.data tbody, table.data tr, table.data td { display: block; width: 100%; }
      table.data tr { border-bottom: 1px solid var(--line); padding: .5rem 0; }
      table.data td { overflow-wrap: anywhere; }
      /* A column's name is never cut inside a word (French "RESPONSABLES" once broke before
         its last letter): its column takes 35%, or the name's longest word if that is wider. */
      table.data td { border: 0; padding: .15rem 0; display: grid; grid-template-columns: minmax(min-content, 35%) 1fr; gap: .5rem; }
      table.data td[data-label]::before { content: attr(data-label); overflow-wrap: normal; font-size: .8rem; font-weight: 600; color: var(--muted); text-transform: uppercase; letter-spacing: .03em; padding-top: .1rem; }
      table.data tr:hover td { background: transparent; }
    }
    /* Statistics charts, connections matrix, preview (console-b) */
    .charts { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fill, minmax(19rem, 1fr)); margin-bottom: 1rem; }
    .chart { margin: 0; border: 1px solid var(--line); border-radius: 10px; padding: .75rem .9rem; background: var(--card); min-width: 0; }
    .chart h3 { margin: 0 0 .5rem; font-size: 1rem; }
    .chart-svg { display: block; width: 100%; height: auto; max-height: 14rem; }
    .chart-bar { fill: var(--accent); }
    .chart-axis { stroke: var(--line); stroke-width: 1; }
    .chart-value { fill: var(--ink); font-size: 12px; font-weight: 700; }
    .chart-label { fill: var(--muted); font-size: 11px; }
    .chart-summary { font-size: .85rem; margin: .5rem 0 0; }
    table.matrix th, table.matrix td { text-align: center; white-space: nowrap; }
    table.matrix th[scope="row"] { text-align: left; }
    table.matrix caption { text-align: left; font-weight: 600; padding: 0 0 .5rem; }
    table.matrix .heat-1 { background: #e3f1ec; }
    table.matrix .heat-2 { background: #b9ddd0; }
    table.matrix .heat-3 { background: #7fbfa9; }
    table.matrix .heat-4 { background: #0b5c4b; color: #ffffff; }
    table.matrix td.diagonal { outline: 2px dashed var(--line); outline-offset: -3px; }
    .group-rules { margin: .4rem 0 0; font-size: .85rem; color: var(--muted); }
    .notice-info { background: var(--warn-soft); border: 1px solid #e5c76b; color: var(--warn-ink); border-radius: 10px; padding: .5rem .9rem; margin-bottom: 1rem; }
    .toolbar form { margin: 0; }
    /* issue 13, item 9: a row's button (Resend, Retry) keeps its word whole. */
    table.data td .inline-form .button { white-space: nowrap; overflow-wrap: normal; }
    """#
}
