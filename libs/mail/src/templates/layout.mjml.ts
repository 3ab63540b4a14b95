/**
 * The one mail layout (digest and notification mail), in MJML with Handlebars placeholders. MJML
 * turns it into the table markup and Outlook conditionals (`<!--[if mso]>`) that Outlook's Word
 * engine needs; it is compiled once per process, and each mail is a Handlebars fill (escaped).
 *
 * Dark mode: the colour scheme is declared (`color-scheme: light dark`) and a dark palette given for
 * clients that honour `prefers-color-scheme` (Apple Mail, Outlook for Mac, iOS) and Outlook.com's
 * `[data-ogsc]`/`[data-ogsb]` rewrites; clients that invert colours on their own (Gmail apps,
 * Outlook for Windows) get mid-tone brand colours and no image text, which survive inversion.
 */
export const LAYOUT_MJML = `<mjml lang="{{lang}}">
  <mj-head>
    <mj-title>{{subject}}</mj-title>
    <mj-preview>{{preheader}}</mj-preview>
    <mj-raw>
      <meta name="color-scheme" content="light dark">
      <meta name="supported-color-schemes" content="light dark">
    </mj-raw>
    <mj-attributes>
      <mj-all font-family="'Segoe UI', Helvetica, Arial, sans-serif" />
      <mj-text font-size="15px" line-height="1.5" color="#1f2937" padding="6px 24px" />
      <mj-section padding="0" />
    </mj-attributes>
    <mj-style>
      :root { color-scheme: light dark; supported-color-schemes: light dark; }
      @media (prefers-color-scheme: dark) {
        body, .page, .page > div { background: #0b1220 !important; }
        .card > table, .card td { background: #172033 !important; }
        .card div, .txt div { color: #e5e7eb !important; }
        .card a, .txt a { color: #8cc8f0 !important; }
        .card .muted, .txt .muted { color: #9ca3af !important; }
        .brand div { color: #8cc8f0 !important; }
        .heading div { color: #5eead4 !important; }
        .card p[style*="border-top"] { border-top-color: #33415a !important; }
        .card .cta a, .card .cta td, .card .cta p { color: #ffffff !important; background: #1d6fa5 !important; }
      }
      [data-ogsc] .card div, [data-ogsc] .txt div { color: #e5e7eb !important; }
      [data-ogsc] .card a, [data-ogsc] .txt a { color: #8cc8f0 !important; }
      [data-ogsc] .heading div { color: #5eead4 !important; }
      [data-ogsc] .card .cta a { color: #ffffff !important; }
      [data-ogsb] .card > table, [data-ogsb] .card td { background: #172033 !important; }
      [data-ogsb] body, [data-ogsb] .page { background: #0b1220 !important; }
    </mj-style>
  </mj-head>
  <mj-body background-color="#eef1f5" width="600px" css-class="page">
    <mj-section padding="24px 0 12px">
      <mj-column>
        <mj-text css-class="brand" font-size="22px" font-weight="700" color="#0f5c8c">{{brand}}</mj-text>
      </mj-column>
    </mj-section>
    <mj-section background-color="#ffffff" css-class="card" padding="18px 0 10px" border-radius="10px 10px 0 0">
      <mj-column>
        <mj-text font-size="24px" font-weight="700" line-height="1.25">{{title}}</mj-text>
        <mj-text>{{intro}}</mj-text>
      </mj-column>
    </mj-section>
    <mj-raw>{{#each sections}}</mj-raw>
    <mj-section background-color="#ffffff" css-class="card" padding="8px 0">
      <mj-column>
        <mj-divider border-width="1px" border-color="#d7dde5" padding="4px 24px 10px" />
        <mj-text css-class="heading" font-size="13px" font-weight="700" color="#0f766e" letter-spacing="0.6px" text-transform="uppercase">{{heading}}</mj-text>
        <mj-text>{{#each items}}<p style="margin:0 0 12px 0;"><a href="{{url}}" style="color:#0f5c8c;font-weight:600;text-decoration:none;">{{title}}</a>{{#if meta}}<br><span class="muted" style="color:#5b6472;font-size:13px;">{{meta}}</span>{{/if}}</p>{{/each}}{{#each lines}}<p style="margin:0 0 8px 0;">{{this}}</p>{{/each}}</mj-text>
      </mj-column>
    </mj-section>
    <mj-raw>{{/each}}</mj-raw>
    <mj-section background-color="#ffffff" css-class="card" padding="8px 0 22px" border-radius="0 0 10px 10px">
      <mj-column>
        <mj-raw>{{#if more}}</mj-raw>
        <mj-text>{{more}}</mj-text>
        <mj-raw>{{/if}}</mj-raw>
        <mj-button css-class="cta" href="{{cta.url}}" background-color="#0f5c8c" color="#ffffff" font-weight="600" border-radius="6px" inner-padding="12px 22px" align="left" padding="10px 24px">{{cta.label}}</mj-button>
      </mj-column>
    </mj-section>
    <mj-section padding="16px 0 28px">
      <mj-column>
        <mj-text css-class="txt" font-size="12px" color="#5b6472">{{footerWhy}}<br><a href="{{settingsUrl}}" style="color:#5b6472;">{{settingsLabel}}</a> &#183; <a href="{{unsubscribeUrl}}" style="color:#5b6472;">{{unsubscribeLabel}}</a></mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;
