extension ReviewPage {
    /// The page's behaviour. Every change goes to the API, which saves it and
    /// answers the pairs it changed; only their rows are rebuilt, so an
    /// operation on a review of thousands of pairs touches a few rows of the page.
    static let script = #"""
        'use strict';
        (() => {
        const tokenKey = 'hantm-review-token';
        if (location.hash.startsWith('#token=')) {
          sessionStorage.setItem(tokenKey, decodeURIComponent(location.hash.slice(7)));
          history.replaceState(null, '', location.pathname + location.search);
        }
        const $ = (id) => document.getElementById(id);

        class APIError extends Error {
          constructor(status, message) { super(message); this.status = status; }
        }

        async function api(method, path, body) {
          const headers = { 'Accept': 'application/json' };
          if (body !== undefined) headers['Content-Type'] = 'application/json';
          const token = sessionStorage.getItem(tokenKey);
          if (token) headers['Authorization'] = 'Bearer ' + token;
          const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
          const text = await response.text();
          let data = null;
          try { data = JSON.parse(text); } catch (_) { data = null; }
          if (!response.ok) {
            if (response.status === 401 || (response.status === 403 && /token/.test(text))) askForToken();
            throw new APIError(response.status, (data && data.error && data.error.message) || (response.status + ' ' + response.statusText));
          }
          return data;
        }

        function askForToken() {
          $('token').hidden = false;
          $('token-input').focus();
        }
        $('token-form').addEventListener('submit', (event) => {
          event.preventDefault();
          sessionStorage.setItem(tokenKey, $('token-input').value.trim());
          $('token').hidden = true;
          say('Token set: try again.', 'info');
        });

        function el(tag, className, text) {
          const node = document.createElement(tag);
          if (className) node.className = className;
          if (text !== undefined) node.textContent = text;
          return node;
        }

        // ---- the list of reviews, and the form that starts one ----

        async function showStart() {
          $('start').hidden = false;
          document.title = 'Alignment reviews · hantm';
          const reviews = await api('GET', '/v1/alignments');
          const body = $('reviews').querySelector('tbody');
          body.replaceChildren();
          for (const review of reviews) {
            const row = el('tr');
            const name = el('td');
            const link = el('a', '', review.name);
            link.href = '/review/' + review.id;
            name.append(link);
            row.append(name);
            for (const value of [review.counts.pairs, review.counts.confirmed, review.counts.proposed, review.counts.unpaired]) {
              row.append(el('td', 'number', String(value)));
            }
            row.append(el('td', '', new Date(review.changedAt).toLocaleString()));
            row.append(el('td', '', review.committed ? 'committed: ' + review.committed.pairs + ' pairs stored' : 'open'));
            body.append(row);
          }
          $('reviews').hidden = reviews.length === 0;
          $('no-reviews').hidden = reviews.length !== 0;
        }

        /// A text file as the server reads one: UTF-8, or UTF-16 with a byte-order mark.
        async function readText(file) {
          const bytes = new Uint8Array(await file.arrayBuffer());
          let encoding = 'utf-8';
          if (bytes[0] === 0xFF && bytes[1] === 0xFE) encoding = 'utf-16le';
          else if (bytes[0] === 0xFE && bytes[1] === 0xFF) encoding = 'utf-16be';
          try {
            return new TextDecoder(encoding, { fatal: true }).decode(bytes);
          } catch (_) {
            throw new Error(file.name + ' is not UTF-8 text (nor UTF-16 with a byte-order mark)');
          }
        }

        for (const [input, area] of [['new-korean-file', 'new-korean'], ['new-english-file', 'new-english'], ['new-glossary-file', 'new-glossary']]) {
          $(input).addEventListener('change', async () => {
            const file = $(input).files[0];
            if (!file) return;
            try {
              $(area).value = await readText(file);
              if (!$('new-name').value && area === 'new-korean') $('new-name').value = file.name.replace(/\.[^.]*$/, '').replace(/\.ko$/, '');
              status('');
            } catch (error) { status(error.message, true); }
          });
        }

        function status(text, isError) {
          $('new-status').textContent = text;
          $('new-status').className = isError ? 'error' : '';
        }

        $('new-review').addEventListener('submit', async (event) => {
          event.preventDefault();
          const body = { name: $('new-name').value, korean: $('new-korean').value, english: $('new-english').value };
          if ($('new-glossary').value.trim()) body.glossary = $('new-glossary').value;
          $('new-submit').disabled = true;
          status('Aligning…');
          try {
            const alignment = await api('POST', '/v1/alignments', body);
            location.href = '/review/' + alignment.id;
          } catch (error) {
            status(error.message, true);
            $('new-submit').disabled = false;
          }
        });

        // ---- one review ----

        const state = {
          id: 0, alignment: null, rows: [], cursor: 0, side: 'korean', sentence: 0,
          marked: null, busy: false, editing: null,
          threshold: Number(localStorage.getItem('hantm-review-threshold') || '0.9'),
        };
        const pairsView = $('pairs');

        function needsReview(pair) {
          return pair.state === 'unpaired' || (pair.state === 'proposed' && (pair.confidence === null || pair.confidence < state.threshold));
        }

        function rowClass(pair) {
          if (pair.state === 'confirmed') return 'confirmed';
          if (pair.state === 'unpaired') return 'unpaired';
          if (pair.confidence === null) return 'edited';
          if (pair.confidence >= state.threshold) return 'high';
          return pair.confidence >= state.threshold / 2 ? 'low' : 'lowest';
        }

        function makeRow(pair, index) {
          const row = el('div', 'pair ' + rowClass(pair) + (needsReview(pair) ? ' todo' : ''));
          row.dataset.index = index;
          row.append(el('div', 'n', String(index + 1)));
          for (const side of ['korean', 'english']) {
            const cell = el('div', 'side ' + side);
            cell.lang = side === 'korean' ? 'ko' : 'en';
            cell.dataset.side = side;
            const sentences = pair.sentences[side];
            if (sentences.length === 0) cell.append(el('span', 'missing', side === 'korean' ? 'no Korean' : 'no English'));
            sentences.forEach((text, position) => {
              const span = el('span', 's', text);
              span.dataset.sentence = position;
              cell.append(span);
            });
            row.append(cell);
          }
          let confidence = pair.confidence === null ? 'edited' : pair.confidence.toFixed(3);
          if (pair.state === 'confirmed') confidence = '✓ ' + confidence;
          if (pair.state === 'unpaired') confidence = 'unpaired';
          row.append(el('div', 'conf', confidence));
          return row;
        }

        /// Shows a whole alignment: when the page opens, or reloads a review changed elsewhere.
        function render(alignment) {
          state.alignment = alignment;
          state.rows = [];
          pairsView.replaceChildren();
          rebuild(0, 0, alignment.pairs.length);
        }

        /// Applies an edit's answer: `removed` pairs at `start` became `pairs`.
        function applyChange(answer) {
          const alignment = state.alignment, changed = answer.changed;
          alignment.pairs.splice(changed.start, changed.removed, ...changed.pairs);
          alignment.revision = answer.revision;
          alignment.counts = answer.counts;
          rebuild(changed.start, changed.removed, changed.pairs.length);
        }

        /// Replaces the `removed` rows at `start` by rows of the `inserted` pairs
        /// there now, renumbering those after them when the count changed.
        function rebuild(start, removed, inserted) {
          const alignment = state.alignment;
          const fresh = [];
          const fragment = document.createDocumentFragment();
          for (let index = start; index < start + inserted; index++) {
            const row = makeRow(alignment.pairs[index], index);
            fresh.push(row);
            fragment.append(row);
          }
          for (let index = start; index < start + removed; index++) state.rows[index].remove();
          pairsView.insertBefore(fragment, state.rows[start + removed] || null);
          state.rows.splice(start, removed, ...fresh);
          if (removed !== inserted) {
            for (let index = start + inserted; index < state.rows.length; index++) {
              state.rows[index].dataset.index = index;
              state.rows[index].firstChild.textContent = String(index + 1);
            }
          }
          pairsView.dataset.revision = alignment.revision;
          if (state.marked !== null && state.marked >= alignment.pairs.length) state.marked = null;
          showCounts();
          showClosed();
          moveTo(Math.min(state.cursor, alignment.pairs.length - 1), state.side, state.sentence, false);
        }

        function showCounts() {
          const counts = state.alignment.counts;
          const below = state.alignment.pairs.filter((pair) => pair.state === 'proposed' && (pair.confidence === null || pair.confidence < state.threshold)).length;
          const counter = $('counts');
          counter.replaceChildren();
          const parts = [[counts.pairs, ' pairs · '], [counts.confirmed, ' confirmed · '], [below, ' to review (below ' + state.threshold + ' or re-cut) · '],
                         [counts.proposed - below, ' proposed above it · '], [counts.unpaired, ' unpaired']];
          for (const [number, label] of parts) {
            counter.append(el('b', '', String(number)), label);
          }
          counter.dataset.confirmed = counts.confirmed;
          counter.dataset.review = below;
        }

        function showClosed() {
          const committed = state.alignment.committed;
          $('committed').hidden = !committed;
          pairsView.classList.toggle('closed', !!committed);
          for (const button of document.querySelectorAll('#tools button, #confirm-above, #undo, #commit')) button.disabled = !!committed;
          if (committed) {
            $('committed').textContent = 'Committed on ' + new Date(committed.date).toLocaleString() + ': ' + committed.pairs
              + ' confirmed pairs stored in the memory. The review is closed; its pairs can still be downloaded as TMX.';
          }
        }

        function refreshClasses() {
          state.alignment.pairs.forEach((pair, index) => {
            const row = state.rows[index];
            const current = row.classList.contains('current'), marked = row.classList.contains('marked');
            row.className = 'pair ' + rowClass(pair) + (needsReview(pair) ? ' todo' : '') + (current ? ' current' : '') + (marked ? ' marked' : '');
          });
          showCounts();
        }

        function visible(index) {
          return !pairsView.classList.contains('filtered') || state.rows[index].classList.contains('todo');
        }

        function moveTo(index, side, sentence, scroll = true) {
          if (index < 0 || state.rows.length === 0) return;
          const previous = pairsView.querySelector('.pair.current');
          if (previous) {
            previous.classList.remove('current');
            for (const node of previous.querySelectorAll('.current')) node.classList.remove('current');
          }
          state.cursor = index;
          state.side = side;
          const pair = state.alignment.pairs[index];
          const count = pair.sentences[side].length;
          state.sentence = Math.max(0, Math.min(sentence, count - 1));
          const row = state.rows[index];
          row.classList.add('current');
          const cell = row.querySelector('.side.' + side);
          cell.classList.add('current');
          const span = cell.querySelectorAll('.s')[state.sentence];
          if (span) span.classList.add('current');
          for (const node of pairsView.querySelectorAll('.pair.marked')) node.classList.remove('marked');
          if (state.marked !== null && state.rows[state.marked]) state.rows[state.marked].classList.add('marked');
          if (scroll) row.scrollIntoView({ block: 'nearest' });
        }

        function step(delta) {
          for (let index = state.cursor + delta; index >= 0 && index < state.rows.length; index += delta) {
            if (visible(index)) { moveTo(index, state.side, delta > 0 ? 0 : 99); return; }
          }
        }

        function nextToReview(from) {
          const pairs = state.alignment.pairs;
          for (let offset = 1; offset <= pairs.length; offset++) {
            const index = (from + offset) % pairs.length;
            if (needsReview(pairs[index])) return index;
          }
          return -1;
        }

        function say(text, kind) {
          $('message').textContent = text;
          $('message').className = 'message ' + (kind || '');
        }

        /// Sends edits made on the revision shown; a review changed elsewhere is reloaded.
        async function send(edits, cursor, sentence) {
          if (state.busy || state.alignment.committed) return;
          state.busy = true;
          try {
            const answer = await api('POST', '/v1/alignments/' + state.id + '/edits', { edits, revision: state.alignment.revision });
            if (cursor !== undefined) state.cursor = Math.max(0, Math.min(cursor, answer.counts.pairs - 1));
            if (sentence !== undefined) state.sentence = sentence;
            applyChange(answer);
            say('');
            return true;
          } catch (error) {
            if (error.status === 409) {
              render(await api('GET', '/v1/alignments/' + state.id));
              say(error.message + ' The review was reloaded as it is now.', 'error');
            } else {
              say(error.message, 'error');
            }
            return false;
          } finally {
            state.busy = false;
          }
        }

        function textLength(texts, count) {
          let length = 0;
          for (let index = 0; index < count; index++) length += texts[index].length;
          return length;
        }

        /// The other side's cut nearest the share of text the chosen cut leaves before it.
        function matchingCut(texts, share) {
          const total = textLength(texts, texts.length) || 1;
          let best = 0, bestDistance = Infinity;
          for (let count = 0; count <= texts.length; count++) {
            const distance = Math.abs(textLength(texts, count) / total - share);
            if (distance <= bestDistance) { best = count; bestDistance = distance; }
          }
          return best;
        }

        const actions = {
          confirm() {
            const index = state.cursor, pair = state.alignment.pairs[index];
            if (pair.state === 'confirmed') return send([{ op: 'unconfirm', pair: index }]);
            if (pair.state === 'unpaired') return say('Pair ' + (index + 1) + ' is unpaired: pair it first (P on each side) or leave it out.', 'error');
            const next = nextToReview(index);
            return send([{ op: 'confirm', pair: index }], next > index ? next : index, 0);
          },
          mergeNext() { return send([{ op: 'merge', pair: state.cursor, with: 'next' }]); },
          mergePrevious() { return send([{ op: 'merge', pair: state.cursor, with: 'previous' }], state.cursor - 1); },
          split() {
            const index = state.cursor, pair = state.alignment.pairs[index];
            const side = state.side, other = side === 'korean' ? 'english' : 'korean';
            const texts = pair.sentences[side];
            const kept = state.sentence + 1;
            if (kept >= texts.length) {
              return say('Split cuts after the selected sentence: select a sentence before the last of its side ([ and ] move between sentences).', 'error');
            }
            const share = textLength(texts, kept) / (textLength(texts, texts.length) || 1);
            const cut = { op: 'split', pair: index };
            cut[side] = kept;
            cut[other] = matchingCut(pair.sentences[other], share);
            return send([cut]);
          },
          moveNext() { return send([{ op: 'move', pair: state.cursor, side: state.side, to: 'next' }]); },
          movePrevious() { return send([{ op: 'move', pair: state.cursor, side: state.side, to: 'previous' }]); },
          unpair() { return send([{ op: 'unpair', pair: state.cursor }]); },
          pair() {
            const index = state.cursor;
            if (state.alignment.pairs[index].state !== 'unpaired') return say('Pair two unpaired sentences: select one (P), then the other (P).', 'error');
            if (state.marked === null || state.marked === index) {
              state.marked = state.marked === index ? null : index;
              moveTo(index, state.side, state.sentence, false);
              if (state.marked !== null) say('Now select the unpaired sentence of the other language and press P (Esc cancels).', 'info');
              return;
            }
            const marked = state.marked;
            state.marked = null;
            return send([{ op: 'pair', pairs: [marked, index] }], Math.min(marked, index));
          },
          edit() {
            const row = state.rows[state.cursor];
            const span = row.querySelector('.side.' + state.side + ' .s.current');
            if (!span) return say('There is no sentence on this side to edit.', 'error');
            const area = el('textarea', 'editing');
            area.value = span.textContent;
            area.rows = 3;
            span.replaceWith(area);
            state.editing = { area, index: state.cursor, side: state.side, sentence: state.sentence, original: span.textContent };
            area.focus();
            say('Enter saves the sentence, Esc leaves it as it was.', 'info');
            area.addEventListener('keydown', (event) => {
              if (event.key === 'Enter' && !event.shiftKey) { event.preventDefault(); finishEdit(true); }
              if (event.key === 'Escape') { event.preventDefault(); finishEdit(false); }
            });
            area.addEventListener('blur', () => finishEdit(false));
          },
          undo() { return send([{ op: 'undo' }]); },
          confirmAbove() {
            return send([{ op: 'confirmAbove', threshold: state.threshold }]).then((done) => {
              if (done) say('Confirmed every proposed pair at ' + state.threshold + ' or above.', 'info');
            });
          },
        };

        async function finishEdit(save) {
          const editing = state.editing;
          if (!editing) return;
          state.editing = null;
          const text = editing.area.value;
          // Put the sentence back as it was; the answer redraws it as saved.
          const span = el('span', 's current', editing.original);
          span.dataset.sentence = editing.sentence;
          editing.area.replaceWith(span);
          if (save && text.trim() !== editing.original) {
            await send([{ op: 'edit', pair: editing.index, side: editing.side, sentence: editing.sentence, text }]);
          } else {
            say('');
          }
        }

        document.addEventListener('click', (event) => {
          const button = event.target.closest('#tools button[data-action]');
          if (button) { actions[button.dataset.action](); return; }
          const cell = event.target.closest('.pair .side');
          if (!cell || state.editing) return;
          const row = cell.parentElement;
          const span = event.target.closest('.s');
          moveTo(Number(row.dataset.index), cell.dataset.side, span ? Number(span.dataset.sentence) : 0, false);
        });
        pairsView.addEventListener('dblclick', (event) => {
          if (event.target.closest('.s') && !state.alignment.committed) actions.edit();
        });

        document.addEventListener('keydown', (event) => {
          if ($('review').hidden || state.editing || event.target.closest('input, textarea')) return;
          const key = event.key;
          if (event.ctrlKey || event.metaKey) {
            if (key.toLowerCase() === 'z') { event.preventDefault(); actions.undo(); }
            return;
          }
          const handled = (() => {
            if (event.altKey) {
              if (key === 'ArrowDown') return actions.moveNext(), true;
              if (key === 'ArrowUp') return actions.movePrevious(), true;
              return false;
            }
            switch (key) {
              case 'ArrowDown': case 'j': step(1); return true;
              case 'ArrowUp': case 'k': step(-1); return true;
              case 'ArrowLeft': case 'h': moveTo(state.cursor, 'korean', state.sentence); return true;
              case 'ArrowRight': case 'l': moveTo(state.cursor, 'english', state.sentence); return true;
              case '[': moveTo(state.cursor, state.side, state.sentence - 1); return true;
              case ']': moveTo(state.cursor, state.side, state.sentence + 1); return true;
              case 'n': { const next = nextToReview(state.cursor); if (next >= 0) moveTo(next, state.side, 0); else say('Nothing left to review.', 'info'); return true; }
              case 'f': case 'F': $('filter').click(); return true;
              case 'Escape': state.marked = null; moveTo(state.cursor, state.side, state.sentence, false); say(''); return true;
            }
            if (state.alignment.committed) return false;
            switch (key) {
              case 'c': case ' ': actions.confirm(); return true;
              case 'm': actions.mergeNext(); return true;
              case 'M': actions.mergePrevious(); return true;
              case 's': actions.split(); return true;
              case 'u': actions.unpair(); return true;
              case 'p': actions.pair(); return true;
              case 'e': case 'Enter': actions.edit(); return true;
              case 'z': actions.undo(); return true;
              case 'A': actions.confirmAbove(); return true;
            }
            return false;
          })();
          if (handled) event.preventDefault();
        });

        $('threshold').addEventListener('change', () => {
          const value = Number($('threshold').value);
          if (!(value >= 0 && value <= 1)) { $('threshold').value = state.threshold; return; }
          state.threshold = value;
          localStorage.setItem('hantm-review-threshold', String(value));
          refreshClasses();
        });
        $('filter').addEventListener('change', () => {
          pairsView.classList.toggle('filtered', $('filter').checked);
          if (!visible(state.cursor)) step(1);
        });
        $('confirm-above').addEventListener('click', () => actions.confirmAbove());
        $('undo').addEventListener('click', () => actions.undo());
        $('commit').addEventListener('click', () => {
          $('commit-count').textContent = String(state.alignment.counts.confirmed);
          $('commit').hidden = true;
          $('commit-ask').hidden = false;
          $('commit-yes').focus();
        });
        $('commit-no').addEventListener('click', () => { $('commit-ask').hidden = true; $('commit').hidden = false; });
        $('commit-yes').addEventListener('click', async () => {
          $('commit-ask').hidden = true;
          $('commit').hidden = false;
          try {
            const answer = await api('POST', '/v1/alignments/' + state.id + '/commit', { revision: state.alignment.revision });
            render(answer.alignment);
            say('Stored ' + answer.committed + ' pairs: ' + answer.added + ' new to the memory, ' + answer.merged + ' already in it.', 'info');
          } catch (error) {
            say(error.message, 'error');
          }
        });

        async function showReview(id) {
          state.id = id;
          $('review').hidden = false;
          $('threshold').value = state.threshold;
          $('tmx').href = '/v1/alignments/' + id + '/tmx';
          const alignment = await api('GET', '/v1/alignments/' + id);
          $('review-name').textContent = alignment.name;
          document.title = alignment.name + ' · hantm review';
          render(alignment);
          const first = nextToReview(-1);
          moveTo(first >= 0 ? first : 0, 'korean', 0, false);
          pairsView.dataset.ready = 'true';
        }

        const match = location.pathname.match(/^\/review\/(\d+)$/);
        (match ? showReview(Number(match[1])) : showStart()).catch((error) => {
          document.body.prepend(el('p', 'message error', error.message));
        });
        })();
        """#
}
