// A live conversation: bubbles (own on the end side, others on the start side; mirrored in right-to-left pages),
// events as centred lines, internal notes for staff, delivery ticks, a typing line, file thumbnails opened in a
// dialog, and the composer. Text is always shown as text ({{ }}, never v-html).
//
// Sending goes through an outbox in localStorage (one per account and conversation): every message gets a random
// client id and is POSTed until the server answered; the server stores a client id once, so a retry after a lost
// answer never makes a second message. Retries: when the browser is online again, when the socket reconnects,
// when the page is shown again, and on a timer that backs off.
const RETRY_FIRST_MS = 2000;
const RETRY_MOST_MS = 60000;
const TYPING_EVERY_MS = 4000; // at most one "is typing" signal in this time
const TYPING_SHOWN_MS = 6000; // how long the other side's "is typing" stays without a new signal
const UPLOAD_TRIES = 3;
const RANK = { "": 0, sent: 1, delivered: 2, read: 3 };

function randomId() {
  if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export default {
  template: `
    <div class="portal-thread">
      <div class="portal-thread-list" role="log" aria-live="polite" :aria-label="texts.log || null" data-testid="thread">
        <div v-for="row in rows" :key="row.key" class="portal-thread-row" :class="{ 'portal-own': ownRow(row) }"
             :data-message-id="row.id || null"
             :data-client-id="row.client_id">
          <div v-if="row.kind === 'event'" class="portal-thread-event">{{ row.body }} · {{ row.time }}</div>
          <div v-else class="portal-bubble"
               :class="{ 'portal-note': row.kind === 'note', 'portal-pending': row.pending || row.error }">
            <div v-if="row.kind === 'note'" class="portal-note-label">{{ texts.note_label }}</div>
            <div v-if="row.author_name" class="portal-bubble-author">{{ row.author_name }}</div>
            <button v-if="row.file && row.file.source !== 'pdf'" type="button" class="portal-thumb"
                    @click="openFile(row.file)" :aria-label="texts.open_file + ': ' + texts.photo">
              <img :src="previewUrl(row.file)" :alt="texts.photo" loading="lazy" />
            </button>
            <button v-else-if="row.file" type="button" class="portal-thumb portal-thumb-pdf" @click="openFile(row.file)">
              <img :src="previewUrl(row.file)" :alt="texts.pdf" loading="lazy" />
            </button>
            <div v-if="row.body" class="portal-bubble-text" dir="auto">{{ row.body }}</div>
            <div class="portal-bubble-meta">
              <template v-if="row.pending">
                <q-icon :name="icons.pending" size="1rem" aria-hidden="true" />
                <span>{{ texts.waiting }}</span>
              </template>
              <template v-else>
                <time :datetime="row.iso">{{ row.time }}</time>
                <template v-if="stateOf(row)">
                  <span class="portal-ticks" :class="{ 'portal-read': stateOf(row) === 'read' }"
                        aria-hidden="true">{{ stateOf(row) === 'sent' ? '✓' : '✓✓' }}</span>
                  <span class="portal-sr-only" data-testid="state">{{ texts[stateOf(row)] }}</span>
                </template>
              </template>
            </div>
          </div>
          <div v-if="row.error" class="portal-bubble-error" role="alert">
            <q-icon :name="icons.error" size="1.25rem" aria-hidden="true" />
            <span>{{ row.error }}</span>
            <button type="button" class="portal-icon-button" :aria-label="texts.edit" :title="texts.edit"
                    @click="edit(row)"><q-icon :name="icons.edit" /></button>
          </div>
        </div>
      </div>
      <div class="portal-thread-typing" aria-live="polite">{{ typingShown ? texts.typing : "" }}</div>
      <div v-if="notice" class="portal-bubble-error" role="status">{{ notice }}</div>
      <label v-if="viewer === 'staff'" class="portal-note-switch">
        <input type="checkbox" v-model="note" data-testid="note-switch" />
        <span>{{ texts.note_switch }}</span>
      </label>
      <form class="portal-composer" :class="{ 'portal-noting': note }" @submit.prevent="send">
        <!-- files come from customers (the upload limits count per customer); staff answer in words -->
        <label v-if="viewer === 'customer'" class="portal-icon-button" :title="texts.attach">
          <input type="file" accept="image/*,application/pdf" @change="onFile" :aria-label="texts.attach"
                 data-testid="attach" />
          <q-icon :name="icons.attach" size="1.5rem" aria-hidden="true" />
        </label>
        <label v-if="viewer === 'customer'" class="portal-icon-button" :title="texts.camera">
          <input type="file" accept="image/*" capture="environment" @change="onFile" :aria-label="texts.camera"
                 data-testid="camera" />
          <q-icon :name="icons.camera" size="1.5rem" aria-hidden="true" />
        </label>
        <textarea ref="input" v-model="draft" rows="2" dir="auto" :aria-label="texts.input"
                  :placeholder="texts.placeholder" @keydown="onKey" @input="onInput" data-testid="composer"></textarea>
        <button type="submit" class="portal-icon-button portal-send" :disabled="!canSend" :aria-label="texts.send"
                :title="texts.send" data-testid="send"><q-icon :name="icons.send" size="1.5rem" /></button>
      </form>
      <div v-if="counterShown" class="portal-counter" :class="{ 'portal-over': remaining < 0 }"
           aria-live="polite" data-testid="counter">{{ counterText }}</div>
      <div v-if="uploading" class="portal-counter" role="status">{{ texts.uploading }}</div>
      <dialog ref="dialog" class="portal-file-dialog" @close="opened = null" @click.self="closeFile">
        <div v-if="opened" class="portal-file-dialog-body">
          <div class="portal-file-dialog-bar">
            <button type="button" class="portal-icon-button" :aria-label="texts.close" :title="texts.close"
                    @click="closeFile"><q-icon :name="icons.close" size="1.5rem" /></button>
          </div>
          <img v-if="opened.source !== 'pdf'" :src="fileUrl(opened)" :alt="texts.photo" />
          <template v-else>
            <iframe :src="fileUrl(opened)" :title="texts.pdf"></iframe>
            <a :href="fileUrl(opened)" target="_blank" rel="noopener">{{ texts.pdf }}</a>
          </template>
        </div>
      </dialog>
    </div>
  `,
  props: {
    messages: Array,
    viewer: String,
    texts: Object,
    icons: Object,
    outbox_key: String,
    max_chars: Number,
    send_url: String,
    upload_url: String,
    file_url: String,
    marks: Object,
  },
  data() {
    return {
      items: (this.messages || []).slice(), // the props are the first state only: add() brings what is new
      outbox: [],
      failed: [],
      draft: "",
      note: false,
      typingUntil: 0,
      clock: Date.now(),
      uploading: 0,
      opened: null,
      notice: "",
      delivered: (this.marks || {}).delivered || 0,
      readMark: (this.marks || {}).read || 0,
    };
  },
  computed: {
    rows() {
      const stored = new Set(this.items.map((m) => m.client_id));
      const pending = this.outbox
        .filter((entry) => !stored.has(entry.client_id))
        .map((entry) => this.pendingRow(entry, true, ""));
      const failed = this.failed.map((f) => this.pendingRow(f.entry, false, f.message));
      return [...this.items.map((m) => ({ ...m, key: "m" + m.id })), ...pending, ...failed];
    },
    remaining() {
      return (this.max_chars || 0) - this.draft.length;
    },
    counterShown() {
      return this.max_chars && this.remaining <= Math.max(100, Math.round(this.max_chars / 10));
    },
    counterText() {
      return (this.texts.remaining || "{count}").replace("{count}", String(this.remaining));
    },
    canSend() {
      return this.draft.trim().length > 0 && this.remaining >= 0;
    },
    typingShown() {
      return this.typingUntil > this.clock;
    },
    lastId() {
      return this.items.reduce((most, m) => Math.max(most, m.id), 0);
    },
  },
  created() {
    this.retryDelay = RETRY_FIRST_MS;
    this.reportedRead = 0;
    this.lastTyping = 0;
    this.coarse = window.matchMedia && window.matchMedia("(pointer: coarse)").matches;
    this.outbox = this.load(this.outbox_key, []);
    this.draft = this.load(this.outbox_key + ":draft", "");
  },
  mounted() {
    this.onOnline = () => this.flush();
    this.onVisible = () => {
      if (document.visibilityState === "visible") {
        this.checkRead();
        this.flush();
      }
    };
    this.onConnect = () => {
      if (this.wasConnected) {
        this.$emit("catch_up", { id: this.lastId });
        this.flush();
      }
      this.wasConnected = true;
    };
    window.addEventListener("online", this.onOnline);
    document.addEventListener("visibilitychange", this.onVisible);
    this.hookSocket();
    this.scrollToEnd();
    this.checkRead();
    this.flush();
  },
  unmounted() {
    window.removeEventListener("online", this.onOnline);
    document.removeEventListener("visibilitychange", this.onVisible);
    if (window.socket) window.socket.off("connect", this.onConnect);
    clearTimeout(this.retryTimer);
    clearTimeout(this.hookTimer);
    clearTimeout(this.typingTimer);
  },
  methods: {
    // --- from Python -------------------------------------------------------------------------------------------
    add(messages) {
      const list = this.items.slice();
      for (const message of messages) {
        const at = list.findIndex((m) => m.id === message.id);
        if (at >= 0) list[at] = message;
        else list.push(message);
      }
      list.sort((a, b) => a.id - b.id);
      const atEnd = this.nearEnd();
      this.items = list;
      const stored = new Set(list.map((m) => m.client_id));
      const left = this.outbox.filter((entry) => !stored.has(entry.client_id));
      if (left.length !== this.outbox.length) this.saveOutbox(left);
      if (messages.some((m) => !this.isOwn(m))) this.typingUntil = 0;
      if (atEnd) this.$nextTick(() => this.scrollToEnd());
      this.checkRead();
    },
    set_marks(delivered, read) {
      this.delivered = Math.max(this.delivered, delivered || 0);
      this.readMark = Math.max(this.readMark, read || 0);
    },
    show_typing() {
      this.typingUntil = Date.now() + TYPING_SHOWN_MS;
      this.clock = Date.now();
      clearTimeout(this.typingTimer);
      this.typingTimer = setTimeout(() => (this.clock = Date.now()), TYPING_SHOWN_MS + 50);
    },
    insert_text(text) {
      const input = this.$refs.input;
      const start = input ? input.selectionStart : this.draft.length;
      const end = input ? input.selectionEnd : this.draft.length;
      this.draft = this.draft.slice(0, start) + text + this.draft.slice(end);
      this.saveDraft();
      this.$nextTick(() => {
        if (!input) return;
        input.focus();
        input.selectionStart = input.selectionEnd = start + text.length;
      });
    },
    // --- showing -----------------------------------------------------------------------------------------------
    isOwn(message) {
      return this.viewer === "staff" ? message.author === "staff" : message.author === "customer";
    },
    ownRow(row) {
      return row.kind !== "event" && this.isOwn(row);
    },
    stateOf(row) {
      if (this.viewer !== "customer" || row.author !== "customer" || !row.id) return "";
      const marked = row.id <= this.readMark ? "read" : row.id <= this.delivered ? "delivered" : "sent";
      return RANK[row.state || ""] > RANK[marked] ? row.state : marked;
    },
    pendingRow(entry, pending, error) {
      return {
        key: "c" + entry.client_id,
        id: 0,
        client_id: entry.client_id,
        author: this.viewer,
        kind: entry.note ? "note" : "text",
        body: entry.text,
        author_name: "",
        file: entry.file || null,
        pending: pending,
        error: error,
      };
    },
    previewUrl(file) {
      return this.fileUrl(file) + "/preview.jpg";
    },
    fileUrl(file) {
      return this.file_url.replace("{file_id}", String(Number(file.id)));
    },
    openFile(file) {
      this.opened = file;
      const dialog = this.$refs.dialog;
      if (dialog && dialog.showModal && !dialog.open) dialog.showModal();
    },
    closeFile() {
      const dialog = this.$refs.dialog;
      if (dialog && dialog.open) dialog.close();
      this.opened = null;
    },
    nearEnd() {
      const list = this.$el;
      if (!list) return true;
      return list.getBoundingClientRect().bottom - window.innerHeight < 240;
    },
    scrollToEnd() {
      const form = this.$el && this.$el.querySelector("form");
      if (form && form.scrollIntoView) form.scrollIntoView({ block: "end" });
    },
    checkRead() {
      if (document.visibilityState !== "visible") return;
      const newest = this.items.reduce((most, m) => (this.isOwn(m) ? most : Math.max(most, m.id)), 0);
      if (newest > this.reportedRead) {
        this.reportedRead = newest;
        this.$emit("read", { id: newest });
      }
    },
    hookSocket() {
      if (!window.socket) {
        this.hookTimer = setTimeout(() => this.hookSocket(), 100);
        return;
      }
      this.wasConnected = window.socket.connected;
      window.socket.on("connect", this.onConnect);
    },
    // --- writing -----------------------------------------------------------------------------------------------
    onKey(event) {
      // on a phone Enter makes a new line (its keyboard has no Shift+Enter habit); on a desktop it sends
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing && !this.coarse) {
        event.preventDefault();
        this.send();
      }
    },
    onInput() {
      this.saveDraft();
      if (this.note || !this.draft.trim()) return;
      const now = Date.now();
      if (now - this.lastTyping > TYPING_EVERY_MS) {
        this.lastTyping = now;
        this.$emit("typing", {});
      }
    },
    send() {
      if (!this.canSend) return;
      this.queue({ client_id: randomId(), text: this.draft.trim(), note: this.note, file_id: null, file: null });
      this.draft = "";
      this.note = false;
      this.saveDraft();
      this.$nextTick(() => this.scrollToEnd());
    },
    edit(row) {
      this.failed = this.failed.filter((f) => f.entry.client_id !== row.client_id);
      if (row.body) this.insert_text(row.body);
    },
    queue(entry) {
      this.saveOutbox([...this.outbox, entry]);
      this.retryDelay = RETRY_FIRST_MS;
      this.flush();
    },
    async flush() {
      if (this.flushing) {
        this.flushAgain = true;
        return;
      }
      this.flushing = true;
      clearTimeout(this.retryTimer);
      try {
        while (this.outbox.length) {
          const entry = this.outbox[0];
          const outcome = await this.post(entry);
          if (outcome === "retry") return this.later();
          if (outcome === "stop") return;
          this.saveOutbox(this.outbox.filter((e) => e.client_id !== entry.client_id));
        }
        this.retryDelay = RETRY_FIRST_MS;
      } finally {
        this.flushing = false;
        if (this.flushAgain) {
          this.flushAgain = false;
          if (this.outbox.length) setTimeout(() => this.flush(), 0);
        }
      }
    },
    later() {
      clearTimeout(this.retryTimer);
      this.retryTimer = setTimeout(() => this.flush(), this.retryDelay);
      this.retryDelay = Math.min(RETRY_MOST_MS, this.retryDelay * 2);
    },
    // "sent": answered; "refused": the server will never take it (shown with its reason, the text kept to edit);
    // "retry": no answer or a passing refusal (too fast); "stop": signed out
    async post(entry) {
      let response;
      try {
        response = await fetch(this.send_url, {
          method: "POST",
          credentials: "same-origin",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ text: entry.text, client_id: entry.client_id, note: !!entry.note,
                                 file_id: entry.file_id }),
        });
      } catch (error) {
        return "retry";
      }
      let body = {};
      try {
        body = await response.json();
      } catch (error) {}
      if (response.ok) {
        this.notice = "";
        if (body.message) this.add([body.message]);
        return "sent";
      }
      if (response.status === 401) {
        this.notice = body.message || this.texts.signed_out;
        return "stop";
      }
      if (response.status === 429 || response.status === 408 || response.status >= 500) {
        if (body.message) this.notice = body.message;
        return "retry";
      }
      this.failed = [...this.failed, { entry: entry, message: body.message || this.texts.file_failed }];
      return "refused";
    },
    // --- files -------------------------------------------------------------------------------------------------
    async onFile(event) {
      const file = (event.target.files || [])[0];
      event.target.value = "";
      if (!file) return;
      this.uploading += 1;
      this.notice = "";
      try {
        const answer = await this.upload(file, randomId(), UPLOAD_TRIES);
        if (answer.file_id) {
          const source = file.type === "application/pdf" ? "pdf" : "image";
          this.queue({ client_id: randomId(), text: "", note: this.note, file_id: answer.file_id,
                       file: { id: answer.file_id, source: source, name: file.name } });
        } else {
          this.notice = answer.message || this.texts.file_failed;
        }
      } finally {
        this.uploading -= 1;
      }
    },
    async upload(file, key, tries) {
      let response;
      try {
        response = await fetch(this.upload_url, {
          method: "POST",
          credentials: "same-origin",
          headers: { "X-File-Name": encodeURIComponent(file.name || "upload"), "X-Upload-Key": key,
                     "Content-Type": file.type || "application/octet-stream" },
          body: file,
        });
      } catch (error) {
        if (tries > 1) {
          await new Promise((resolve) => setTimeout(resolve, RETRY_FIRST_MS));
          return this.upload(file, key, tries - 1); // the same key: the server keeps the file once
        }
        return { message: this.texts.offline };
      }
      let body = {};
      try {
        body = await response.json();
      } catch (error) {}
      return response.ok ? body : { message: body.message || this.texts.file_failed };
    },
    // --- storage -----------------------------------------------------------------------------------------------
    load(key, fallback) {
      try {
        const text = localStorage.getItem(key);
        return text === null ? fallback : JSON.parse(text);
      } catch (error) {
        return fallback;
      }
    },
    saveOutbox(entries) {
      this.outbox = entries;
      try {
        if (entries.length) localStorage.setItem(this.outbox_key, JSON.stringify(entries));
        else localStorage.removeItem(this.outbox_key);
      } catch (error) {} // private mode or full: the outbox lives as long as the page
    },
    saveDraft() {
      try {
        if (this.draft) localStorage.setItem(this.outbox_key + ":draft", JSON.stringify(this.draft));
        else localStorage.removeItem(this.outbox_key + ":draft");
      } catch (error) {}
    },
  },
};
