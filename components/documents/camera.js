// Live document camera: rear camera preview, the outline found by the server drawn over it, small preview
// frames emitted to Python, and full-resolution shots (or picked files) sent by HTTP POST, never over the socket.
const FRAME_SIDE = 480;
const FRAME_EVERY_MS = 400;
const STABLE_FRAMES = 4; // consecutive outlines that barely moved before an auto-capture
const STABLE_SHIFT = 0.025; // of the frame's size
const RETRIES = 3;

function uploadKey() {
  if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export default {
  template: `
    <div class="portal-camera column gap-2">
      <div v-show="live" class="portal-camera-view" style="position:relative;width:100%;background:#000">
        <video ref="video" playsinline muted autoplay aria-hidden="true"
               style="display:block;width:100%;height:auto;max-height:70vh;object-fit:contain"></video>
        <canvas ref="overlay" aria-hidden="true"
                style="position:absolute;inset:0;width:100%;height:100%;pointer-events:none"></canvas>
      </div>
      <p v-if="problem" role="status" class="text-body1 q-ma-none">{{ problem }}</p>
      <div class="row gap-2 portal-camera-files">
        <label class="portal-file-button">
          <input type="file" accept="image/*" capture="environment" @change="onPicked" data-testid="phone-camera" />
          <span>{{ labels.phone_camera }}</span>
        </label>
        <label class="portal-file-button">
          <input type="file" accept="image/jpeg,image/png,image/webp,application/pdf" multiple @change="onPicked"
                 data-testid="pick-files" />
          <span>{{ labels.pick_files }}</span>
        </label>
      </div>
    </div>
  `,
  props: {
    upload_url: String,
    max_bytes: Number,
    auto_capture: Boolean,
    active: Boolean,
    labels: Object,
  },
  data() {
    return { live: false, problem: "", outline: null, stable: 0, waiting: false, busy: false };
  },
  mounted() {
    this.frameCanvas = document.createElement("canvas");
    this.resizeObserver = new ResizeObserver(() => this.draw());
    this.resizeObserver.observe(this.$refs.video);
    if (this.active) this.start();
  },
  unmounted() {
    this.stop();
    if (this.resizeObserver) this.resizeObserver.disconnect();
  },
  watch: {
    active(value) {
      value ? this.start() : this.stop();
    },
  },
  methods: {
    async start() {
      if (this.stream) return;
      if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
        this.problem = this.labels.no_camera;
        return;
      }
      try {
        this.stream = await navigator.mediaDevices.getUserMedia({
          audio: false,
          video: { facingMode: { ideal: "environment" }, width: { ideal: 4096 }, height: { ideal: 3072 } },
        });
      } catch (error) {
        this.problem = this.labels.no_camera;
        this.$emit("camera_error", { name: error.name || "Error" });
        return;
      }
      if (!this.active) return this.stop(); // switched off while the permission prompt was open
      this.$refs.video.srcObject = this.stream;
      this.live = true;
      this.problem = "";
      this.timer = setInterval(() => this.sendFrame(), FRAME_EVERY_MS);
      this.$emit("camera_ready", {});
    },
    stop() {
      clearInterval(this.timer);
      this.timer = null;
      if (this.stream) this.stream.getTracks().forEach((track) => track.stop());
      this.stream = null;
      this.live = false;
      this.outline = null;
      if (this.$refs.video) this.$refs.video.srcObject = null;
    },
    sendFrame() {
      const video = this.$refs.video;
      if (this.waiting || this.busy || !video || video.readyState < 2 || !video.videoWidth) return;
      const factor = FRAME_SIDE / Math.max(video.videoWidth, video.videoHeight);
      const canvas = this.frameCanvas;
      canvas.width = Math.round(video.videoWidth * factor);
      canvas.height = Math.round(video.videoHeight * factor);
      canvas.getContext("2d").drawImage(video, 0, 0, canvas.width, canvas.height);
      this.waiting = true;
      this.waitTimer = setTimeout(() => (this.waiting = false), 3000); // never stall on a lost answer
      this.$emit("frame", { image: canvas.toDataURL("image/jpeg", 0.7) }); // tens of KB, far below the 1 MB cap
    },
    show_outline(points) {
      clearTimeout(this.waitTimer);
      this.waiting = false;
      const before = this.outline;
      this.outline = points && points.length === 4 ? points : null;
      const moved = before && this.outline ? Math.max(...this.outline.map((p, i) =>
        Math.hypot(p[0] - before[i][0], p[1] - before[i][1]))) : Infinity;
      this.stable = moved < STABLE_SHIFT ? this.stable + 1 : 0;
      this.draw();
      if (this.auto_capture && this.stable >= STABLE_FRAMES && !this.busy) this.shoot();
    },
    draw() {
      const canvas = this.$refs.overlay;
      if (!canvas) return;
      canvas.width = canvas.clientWidth;
      canvas.height = canvas.clientHeight;
      const context = canvas.getContext("2d");
      context.clearRect(0, 0, canvas.width, canvas.height);
      if (!this.outline || !this.live) return;
      context.beginPath();
      this.outline.forEach(([x, y], i) => {
        const [px, py] = [x * canvas.width, y * canvas.height];
        i ? context.lineTo(px, py) : context.moveTo(px, py);
      });
      context.closePath();
      context.fillStyle = "rgba(29, 78, 137, 0.25)";
      context.fill();
      context.lineWidth = 4;
      context.strokeStyle = this.stable >= 2 ? "#3ddc84" : "#ffd54f";
      context.stroke();
    },
    shoot() {
      const video = this.$refs.video;
      if (this.busy || !this.live || !video.videoWidth) return;
      this.busy = true;
      this.stable = 0;
      const canvas = document.createElement("canvas");
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      canvas.getContext("2d").drawImage(video, 0, 0);
      this.$emit("shot", { width: canvas.width, height: canvas.height });
      canvas.toBlob((blob) => this.send(blob, "camera.jpg"), "image/jpeg", 0.92);
    },
    onPicked(event) {
      const files = Array.from(event.target.files || []);
      event.target.value = "";
      this.sendAll(files);
    },
    async sendAll(files) {
      for (const file of files) await this.send(file, file.name);
    },
    send(blob, name) {
      if (this.max_bytes && blob.size > this.max_bytes) {
        this.busy = false;
        this.$emit("failed", { status: 413, message: this.labels.too_large }); // the server refuses it too
        return Promise.resolve();
      }
      this.busy = true;
      const key = uploadKey();
      return new Promise((resolve) => {
        const attempt = (left) => {
          const request = new XMLHttpRequest();
          request.open("POST", this.upload_url);
          request.setRequestHeader("X-Upload-Key", key);
          request.setRequestHeader("X-File-Name", encodeURIComponent(name || "upload"));
          request.upload.onprogress = (e) => {
            if (e.lengthComputable) this.$emit("progress", { loaded: e.loaded, total: e.total });
          };
          request.onload = () => {
            let body = {};
            try {
              body = JSON.parse(request.responseText);
            } catch (error) {}
            this.busy = false;
            if (request.status >= 200 && request.status < 300) this.$emit("uploaded", body);
            else this.$emit("failed", { status: request.status, message: body.message || "" });
            resolve();
          };
          request.onerror = () => {
            if (left > 0) return setTimeout(() => attempt(left - 1), 1500); // same key: the server adds it once
            this.busy = false;
            this.$emit("failed", { status: 0, message: "" });
            resolve();
          };
          request.send(blob);
        };
        attempt(RETRIES);
      });
    },
  },
};
