/// The portal's stylesheet: system fonts, one column from 360 px up to a centred page on a
/// desktop, a visible focus ring on everything focusable, and colours that meet WCAG AA
/// (text #1f2933 on white is 14.8:1, muted #4a5563 is 7.6:1 on white and 6.9:1 on the
/// page's #f4f5f2, the accent #0b5c4b is 7.9:1 on white and white on it, errors #a4161a
/// 7.8:1; input borders #8a939e are 3.1:1, above the 3:1 of WCAG 1.4.11). WebTests
/// recomputes these ratios from the variables below.
enum PortalStylesheet {
    static let source = #"""
    :root {
      --ink: #1f2933; --muted: #4a5563; --line: #d8dde3; --page: #f4f5f2; --card: #ffffff;
      --accent: #0b5c4b; --accent-ink: #ffffff; --accent-soft: #e3f1ec; --accent-hover: #084637;
      --danger: #a4161a; --danger-soft: #fbeaea; --warn-soft: #fff4d6; --warn-ink: #6b4500;
      --focus: #1a56db; --radius: 12px; --shadow: 0 1px 2px rgba(16, 24, 40, .06), 0 1px 3px rgba(16, 24, 40, .08);
      color-scheme: light;
    }
    *, *::before, *::after { box-sizing: border-box; }
    html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
    body {
      margin: 0; min-height: 100vh; display: flex; flex-direction: column;
      font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif;
      font-size: 1rem; line-height: 1.5; color: var(--ink); background: var(--page);
      overflow-wrap: anywhere;
    }
    a { color: var(--accent); text-underline-offset: .15em; }
    a:hover { color: var(--accent-hover); }
    :focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; border-radius: 4px; }
    .skip-link { position: absolute; left: .75rem; top: -4rem; z-index: 10; padding: .5rem .9rem; background: var(--card); border-radius: 8px; box-shadow: var(--shadow); }
    .skip-link:focus { top: .75rem; }
    .visually-hidden { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }

    /* Header */
    .site-header { background: var(--card); border-bottom: 1px solid var(--line); }
    .site-header .bar { max-width: 64rem; margin: 0 auto; padding: .75rem 1rem; display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1rem; }
    .brand { display: flex; align-items: center; gap: .6rem; text-decoration: none; color: var(--ink); margin-right: auto; min-width: 0; }
    .brand:hover { color: var(--ink); }
    .brand-mark { flex: none; width: 2.25rem; height: 2.25rem; border-radius: 10px; background: var(--accent); color: var(--accent-ink); display: grid; place-items: center; font-weight: 700; font-size: 1.05rem; }
    .brand-text { display: flex; flex-direction: column; line-height: 1.2; min-width: 0; }
    .brand-org { font-weight: 700; font-size: 1.05rem; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; max-width: calc(100vw - 11.5rem); }
    .brand-product { font-size: .85rem; color: var(--muted); }
    .header-tools { display: flex; flex-wrap: wrap; align-items: center; justify-content: flex-end; gap: .5rem .75rem; font-size: .95rem; }
    .member-name { display: none; max-width: 16rem; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .lang-switch a { display: inline-block; white-space: nowrap; padding: .35rem .6rem; border: 1px solid var(--line); border-radius: 999px; text-decoration: none; font-weight: 600; font-size: .875rem; }
    .inline-form { display: inline; margin: 0; }
    .link-button { font: inherit; white-space: nowrap; background: none; border: 0; padding: .35rem .2rem; color: var(--accent); text-decoration: underline; text-underline-offset: .15em; cursor: pointer; }
    .link-button:hover { color: var(--accent-hover); }
    .nav { border-top: 1px solid var(--line); }
    .nav ul { max-width: 64rem; margin: 0 auto; padding: 0 .5rem; list-style: none; display: flex; gap: .25rem; overflow-x: auto; }
    .nav a { display: block; padding: .7rem .5rem; text-decoration: none; color: var(--muted); font-weight: 600; border-bottom: 3px solid transparent; white-space: nowrap; }
    .nav a:hover { color: var(--ink); }
    .nav a[aria-current="page"] { color: var(--accent); border-bottom-color: var(--accent); }

    /* Page */
    main { flex: 1; width: 100%; max-width: 64rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
    main.narrow { max-width: 34rem; }
    h1 { font-size: 1.6rem; line-height: 1.25; margin: .25rem 0 .5rem; letter-spacing: -.01em; }
    h2 { font-size: 1.2rem; line-height: 1.3; margin: 0 0 .75rem; }
    h3 { font-size: 1rem; margin: 1.25rem 0 .5rem; }
    p { margin: 0 0 1rem; }
    .lede { color: var(--muted); font-size: 1.05rem; margin-bottom: 1.5rem; }
    .muted { color: var(--muted); }
    .stack > * + * { margin-top: 1rem; }
    .card { background: var(--card); border: 1px solid var(--line); border-radius: var(--radius); box-shadow: var(--shadow); padding: 1.25rem; margin-bottom: 1.25rem; }
    .card > :last-child { margin-bottom: 0; }
    .card form + p, .card form + .actions { margin-top: 1.25rem; }
    .card form > .button-block { margin-top: .25rem; }
    .card-header { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: .25rem 1rem; margin-bottom: .75rem; }
    .card-header h2, .card-header h3 { margin: 0; }
    .card-header h3 { font-size: 1.1rem; }
    .section { border-top: 1px solid var(--line); margin-top: 1.25rem; padding-top: 1rem; }
    .hero-icon { width: 3rem; height: 3rem; border-radius: 50%; background: var(--accent-soft); color: var(--accent); display: grid; place-items: center; font-size: 1.5rem; margin-bottom: .75rem; }

    /* Notices */
    .notice { display: flex; gap: .75rem; align-items: flex-start; justify-content: space-between; padding: .85rem 1rem; border-radius: 10px; margin-bottom: 1.25rem; border: 1px solid; }
    .notice { flex-wrap: wrap; }
    .notice p { margin: 0; flex: 1 1 14rem; }
    .notice-success { background: var(--accent-soft); border-color: #9ccbbd; color: #073d32; }
    .notice-paused { background: var(--warn-soft); border-color: #f0d48a; color: var(--warn-ink); align-items: center; }
    .notice-paused a { color: var(--warn-ink); font-weight: 600; white-space: nowrap; }
    .notice-error { background: var(--danger-soft); border-color: #e4a5a6; color: #7a1013; }
    .notice button { font: inherit; background: none; border: 0; cursor: pointer; color: inherit; font-size: 1.25rem; line-height: 1; padding: 0 .25rem; }
    .error-summary { border: 2px solid var(--danger); border-radius: 10px; padding: 1rem; margin-bottom: 1.25rem; background: var(--card); }
    .error-summary h2 { color: var(--danger); font-size: 1.05rem; margin-bottom: .4rem; }
    .error-summary ul { margin: 0; padding-left: 1.2rem; }

    /* Forms */
    .field { margin-bottom: 1rem; }
    .field > label, .field legend, .label { display: block; font-weight: 600; margin-bottom: .3rem; }
    .hint { display: block; color: var(--muted); font-size: .9rem; margin: -.1rem 0 .4rem; font-weight: 400; }
    .field-error { display: block; color: var(--danger); font-weight: 600; font-size: .95rem; margin-bottom: .35rem; }
    input[type="text"], input[type="email"], input[type="date"], input[type="search"], select, textarea {
      width: 100%; max-width: 32rem; font: inherit; color: var(--ink); background: var(--card);
      border: 1px solid #8a939e; border-radius: 8px; padding: .6rem .7rem; min-height: 2.75rem;
    }
    input[aria-invalid="true"] { border-color: var(--danger); border-width: 2px; }
    input:focus-visible, select:focus-visible, textarea:focus-visible { outline: 3px solid var(--focus); outline-offset: 1px; border-color: var(--focus); }
    fieldset { border: 0; padding: 0; margin: 0 0 1rem; min-width: 0; }
    legend { padding: 0; }
    .choices { display: flex; flex-wrap: wrap; gap: .5rem; }
    .choice { display: inline-flex; align-items: center; gap: .45rem; padding: .45rem .8rem .45rem .6rem; border: 1px solid var(--line); border-radius: 999px; background: var(--card); cursor: pointer; font-weight: 500; }
    .choice:has(input:checked) { border-color: var(--accent); background: var(--accent-soft); }
    .choice input { width: 1.1rem; height: 1.1rem; margin: 0; accent-color: var(--accent); }
    .readonly-value { display: flex; flex-wrap: wrap; align-items: baseline; gap: .25rem .75rem; padding: .6rem .75rem; background: var(--page); border: 1px dashed var(--line); border-radius: 8px; max-width: 32rem; }
    .owner { font-size: .85rem; color: var(--muted); }
    .actions { display: flex; flex-wrap: wrap; gap: .6rem; align-items: center; margin-top: .5rem; }
    .actions form { margin: 0; }
    .button {
      display: inline-flex; align-items: center; justify-content: center; gap: .4rem; font: inherit; font-weight: 600;
      min-height: 2.75rem; padding: .55rem 1.1rem; border-radius: 8px; border: 1px solid var(--accent);
      background: var(--accent); color: var(--accent-ink); cursor: pointer; text-decoration: none;
    }
    .button:hover { background: var(--accent-hover); border-color: var(--accent-hover); color: var(--accent-ink); }
    .button-secondary { background: var(--card); color: var(--accent); }
    .button-secondary:hover { background: var(--accent-soft); color: var(--accent-hover); }
    .button-danger { background: var(--card); color: var(--danger); border-color: #d9a3a4; }
    .button-danger:hover { background: var(--danger-soft); color: var(--danger); border-color: var(--danger); }
    .button-small { min-height: 2.25rem; padding: .3rem .8rem; font-size: .9rem; }
    .button-block { width: 100%; }

    /* Facts, badges, lists */
    .facts { display: grid; grid-template-columns: max-content 1fr; gap: .35rem 1rem; margin: 0 0 1rem; }
    .facts dt { color: var(--muted); }
    .facts dd { margin: 0; font-weight: 600; }
    .badge { display: inline-flex; align-items: center; gap: .35rem; font-size: .85rem; font-weight: 600; padding: .2rem .65rem; border-radius: 999px; background: var(--page); color: var(--muted); border: 1px solid var(--line); }
    .badge::before { content: ""; width: .5rem; height: .5rem; border-radius: 50%; background: currentColor; }
    .badge-in { background: var(--accent-soft); color: #07493b; border-color: #9ccbbd; }
    .badge-paused { background: var(--warn-soft); color: var(--warn-ink); border-color: #f0d48a; }
    .plain-list { list-style: none; margin: 0 0 1rem; padding: 0; }
    .plain-list > li { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: .5rem; padding: .55rem 0; border-bottom: 1px solid var(--line); }
    .plain-list > li:last-child { border-bottom: 0; }
    .search-row { display: flex; flex-wrap: wrap; gap: .5rem; align-items: flex-end; }
    .search-row .field { flex: 0 1 24rem; margin-bottom: 0; }
    .search-row + .plain-list, .search-row + p, .search-row + .actions { margin-top: .75rem; }

    /* Matches */
    .people { display: grid; gap: .75rem; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); margin-bottom: 1rem; }
    .person { display: flex; gap: .75rem; align-items: center; padding: .75rem; border: 1px solid var(--line); border-radius: 10px; min-width: 0; }
    .avatar { flex: none; width: 2.5rem; height: 2.5rem; border-radius: 50%; background: var(--accent-soft); color: var(--accent); display: grid; place-items: center; font-weight: 700; }
    .person-text { display: flex; flex-direction: column; min-width: 0; }
    .person-name { font-weight: 600; }
    .person-email { font-size: .9rem; }
    .table-wrap { overflow-x: auto; margin-bottom: 1rem; }
    table { border-collapse: collapse; width: 100%; font-size: .95rem; }
    th, td { text-align: left; padding: .5rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
    thead th { color: var(--muted); font-weight: 600; font-size: .85rem; white-space: nowrap; }
    th, td { overflow-wrap: break-word; }
    td.same, td.different { white-space: nowrap; }
    .same { color: #07493b; font-weight: 600; }
    .different { color: var(--muted); }
    .feedback { background: var(--page); border-radius: 10px; padding: 1rem; }
    .feedback fieldset { margin-bottom: .75rem; }

    /* Footer */
    .site-footer { border-top: 1px solid var(--line); background: var(--card); color: var(--muted); font-size: .9rem; }
    .site-footer p { max-width: 64rem; margin: 0 auto; padding: 1rem; }

    @media (max-width: 40rem) {
      .comparison thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
      .comparison tr { display: block; padding: .5rem 0; border-bottom: 1px solid var(--line); }
      .comparison th, .comparison td { display: block; border: 0; padding: .1rem 0; }
      .comparison td[data-label]::before { content: attr(data-label) ": "; color: var(--muted); }
    }
    @media (min-width: 48rem) {
      main { padding-top: 2.25rem; }
      h1 { font-size: 2rem; }
      main.narrow { padding-top: 3rem; }
      main.narrow h1 { font-size: 1.65rem; }
      .card { padding: 1.5rem 1.75rem; }
      .brand-org { max-width: 28rem; }
      .member-name { display: inline-block; }
      .nav ul { padding: 0 .25rem; }
      .nav a { padding: .7rem .75rem; }
    }
    @media (prefers-reduced-motion: no-preference) {
      .button, .choice, .nav a { transition: background-color .15s, border-color .15s, color .15s; }
    }
    @media print {
      .site-header, .site-footer, form { display: none; }
    }
    """#
}
