import Hummingbird

/// The review page: plain HTML, CSS and JavaScript carried in the binary and
/// served as they are (no build step, nothing fetched from elsewhere). The
/// script renders `/review` (the reviews, and a form to start one) and
/// `/review/{id}` (one review) from the JSON API.
enum ReviewPage {
    /// Only this server's own script, style and API: an injected `<script>`, an
    /// inline handler or a request to another site does not run.
    static let contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
        + "form-action 'none'; base-uri 'none'; frame-ancestors 'none'"

    private static var referrerPolicy: HTTPFields.Element.Name { .init("Referrer-Policy")! }

    static func response(_ body: String, type: String = "text/html; charset=utf-8") -> Response {
        Response(status: .ok,
                 headers: [.contentType: type, .contentSecurityPolicy: contentSecurityPolicy, .xContentTypeOptions: "nosniff",
                           referrerPolicy: "no-referrer", .cacheControl: "no-cache"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }

    static let html = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>hantm review</title>
        <link rel="stylesheet" href="/assets/review.css">
        <script src="/assets/review.js" defer></script>
        </head>
        <body>
        <div id="token" class="token" hidden>
          <form id="token-form">
            <label>This server needs its token for changes: <input id="token-input" type="password" autocomplete="off" size="32"></label>
            <button type="submit">Use token</button>
          </form>
        </div>

        <main id="start" hidden>
          <h1>Alignment reviews</h1>
          <p class="lead">Align a Korean text with its translation, check the pairs, and store the ones you confirm in the memory.</p>
          <section>
            <h2>Reviews in this memory</h2>
            <p id="no-reviews" hidden>No review yet.</p>
            <table id="reviews" hidden>
              <thead><tr><th>Review</th><th>Pairs</th><th>Confirmed</th><th>Proposed</th><th>Unpaired</th><th>Changed</th><th>Status</th></tr></thead>
              <tbody></tbody>
            </table>
          </section>
          <section>
            <h2>Start a review</h2>
            <form id="new-review" class="new">
              <label class="wide">Name <input id="new-name" name="name" required placeholder="e.g. seed article"></label>
              <div class="texts">
                <label>Korean text <input id="new-korean-file" type="file" accept=".txt,text/plain">
                  <textarea id="new-korean" lang="ko" rows="12" required placeholder="Paste the Korean text, or choose a file"></textarea></label>
                <label>English text <input id="new-english-file" type="file" accept=".txt,text/plain">
                  <textarea id="new-english" lang="en" rows="12" required placeholder="Paste the English text, or choose a file"></textarea></label>
              </div>
              <label class="wide">Glossary (optional: ko&lt;TAB&gt;en a line) <input id="new-glossary-file" type="file" accept=".tsv,.txt,text/plain">
                <textarea id="new-glossary" rows="3" placeholder="정상회담&#9;summit"></textarea></label>
              <button id="new-submit" type="submit">Align and review</button>
              <span id="new-status" role="status"></span>
            </form>
          </section>
        </main>

        <div id="review" hidden>
          <header class="bar">
            <div class="title">
              <a href="/review">All reviews</a>
              <h1 id="review-name"></h1>
              <span id="counts" class="counts" role="status"></span>
            </div>
            <div class="controls">
              <label>Needs review below <input id="threshold" type="number" min="0" max="1" step="0.05" value="0.9"></label>
              <label><input id="filter" type="checkbox"> Only pairs that need review <kbd>F</kbd></label>
              <button id="confirm-above" type="button">Confirm all ≥ threshold <kbd>⇧A</kbd></button>
              <button id="undo" type="button">Undo <kbd>Z</kbd></button>
              <a id="tmx" class="button" download>Download TMX</a>
              <button id="commit" type="button">Commit…</button>
              <span id="commit-ask" hidden>Store <b id="commit-count"></b> confirmed pairs in the memory and close the review?
                <button id="commit-yes" type="button">Store</button> <button id="commit-no" type="button">Cancel</button></span>
            </div>
            <div class="tools" id="tools">
              <span class="hint">Selected pair:</span>
              <button data-action="confirm" type="button" title="Confirm the pair (again: unconfirm), then go to the next pair to review">Confirm <kbd>C</kbd></button>
              <button data-action="mergePrevious" type="button" title="Merge with the previous pair">Merge ↑ <kbd>⇧M</kbd></button>
              <button data-action="mergeNext" type="button" title="Merge with the next pair">Merge ↓ <kbd>M</kbd></button>
              <button data-action="split" type="button" title="Split the pair after the selected sentence">Split <kbd>S</kbd></button>
              <button data-action="movePrevious" type="button" title="Move the side's first sentence to the previous pair">Move ↑ <kbd>Alt↑</kbd></button>
              <button data-action="moveNext" type="button" title="Move the side's last sentence to the next pair">Move ↓ <kbd>Alt↓</kbd></button>
              <button data-action="unpair" type="button" title="Leave both sides unpaired">Unpair <kbd>U</kbd></button>
              <button data-action="pair" type="button" title="Pair two unpaired sentences: P on one, P on the other">Pair <kbd>P</kbd></button>
              <button data-action="edit" type="button" title="Edit the selected sentence (Enter saves, Esc cancels)">Edit <kbd>E</kbd></button>
              <span class="hint">Select: <kbd>↑</kbd><kbd>↓</kbd> pair, <kbd>←</kbd><kbd>→</kbd> side, <kbd>[</kbd><kbd>]</kbd> sentence, <kbd>N</kbd> next to review</span>
            </div>
            <div id="message" class="message" role="alert"></div>
            <div class="legend"><span class="swatch confirmed">confirmed</span><span class="swatch high">proposed, at or above the threshold</span><span class="swatch low">below the threshold</span><span class="swatch lowest">below half of it</span><span class="swatch edited">re-cut by you</span><span class="swatch unpaired">unpaired</span></div>
            <div class="columns"><span>#</span><span>Korean</span><span>English</span><span>Confidence</span></div>
          </header>
          <div id="committed" class="committed" hidden></div>
          <div id="pairs" class="pairs"></div>
        </div>
        </body>
        </html>

        """
}
