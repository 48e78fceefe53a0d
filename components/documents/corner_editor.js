// Four draggable corner handles over a photo, with a magnifier above the finger while dragging.
// Works with touch, mouse and pen (pointer events; only the handles have touch-action: none, so a swipe on the
// photo still scrolls the page) and with the keyboard (arrow keys). One pointer drags at a time.
const ZOOM = 3;
const LENS = 128; // px

export default {
  template: `
    <div ref="box" class="portal-corner-editor" style="position:relative;user-select:none;-webkit-user-select:none;direction:ltr">
      <img ref="img" :src="src" @load="onLoad" draggable="false" :alt="labels.image"
           style="display:block;width:100%;height:auto;pointer-events:none" />
      <svg v-if="width" style="position:absolute;inset:0;width:100%;height:100%;pointer-events:none"
           :viewBox="'0 0 ' + width + ' ' + height" preserveAspectRatio="none" aria-hidden="true">
        <polygon :points="polygon" fill="rgba(29,78,137,0.18)" stroke="#ffd54f" :stroke-width="width / 220"
                 stroke-linejoin="round" />
      </svg>
      <button v-for="(point, index) in points" :key="index" type="button" class="portal-corner-handle"
              :aria-label="labels.corners[index]" :data-corner="index"
              :style="{ left: (100 * point[0] / width) + '%', top: (100 * point[1] / height) + '%' }"
              @pointerdown="grab(index, $event)" @pointermove="move($event)" @pointerup="release($event)"
              @pointercancel="release($event)" @lostpointercapture="release($event)"
              @keydown="nudge(index, $event)" @contextmenu.prevent></button>
      <div v-if="dragging !== null" class="portal-corner-lens" aria-hidden="true" :style="lensStyle"></div>
    </div>
  `,
  props: {
    src: String,
    corners: Array,
    labels: Object,
  },
  data() {
    return { width: 0, height: 0, points: [], dragging: null, pointer: null, moved: false, boxWidth: 1,
             boxHeight: 1 };
  },
  watch: {
    corners() {
      this.reset();
    },
  },
  computed: {
    polygon() {
      return this.points.map((p) => p.join(",")).join(" ");
    },
    lensStyle() {
      const [x, y] = this.points[this.dragging];
      const sx = (x / this.width) * this.boxWidth;
      const sy = (y / this.height) * this.boxHeight;
      const above = sy - LENS - 40 >= 0;
      return {
        left: `${Math.min(Math.max(sx - LENS / 2, 0), this.boxWidth - LENS)}px`,
        top: above ? `${sy - LENS - 40}px` : `${sy + 40}px`,
        width: `${LENS}px`,
        height: `${LENS}px`,
        backgroundImage: `url("${this.src}")`,
        backgroundSize: `${this.boxWidth * ZOOM}px ${this.boxHeight * ZOOM}px`,
        backgroundPosition: `${LENS / 2 - sx * ZOOM}px ${LENS / 2 - sy * ZOOM}px`,
      };
    },
  },
  methods: {
    onLoad() {
      this.width = this.$refs.img.naturalWidth;
      this.height = this.$refs.img.naturalHeight;
      this.reset();
    },
    reset() {
      if (!this.width) return;
      const w = this.width - 1;
      const h = this.height - 1;
      const inset = [[0.05 * w, 0.05 * h], [0.95 * w, 0.05 * h], [0.95 * w, 0.95 * h], [0.05 * w, 0.95 * h]];
      this.points = this.corners && this.corners.length === 4 ? this.corners.map((p) => [p[0], p[1]]) : inset;
    },
    measure() {
      const rect = this.$refs.box.getBoundingClientRect();
      this.boxWidth = rect.width;
      this.boxHeight = rect.height;
      return rect;
    },
    grab(index, event) {
      if (this.dragging !== null || (event.pointerType === "mouse" && event.button !== 0)) return;
      event.preventDefault();
      event.currentTarget.setPointerCapture(event.pointerId); // moves outside the 44 px handle still reach it
      this.measure();
      this.dragging = index;
      this.pointer = event.pointerId;
      this.moved = false;
    },
    move(event) {
      if (this.dragging === null || event.pointerId !== this.pointer) return;
      event.preventDefault();
      this.moved = true;
      const rect = this.measure();
      const x = ((event.clientX - rect.left) / rect.width) * this.width;
      const y = ((event.clientY - rect.top) / rect.height) * this.height;
      this.points.splice(this.dragging, 1, [this.clamp(x, this.width), this.clamp(y, this.height)]);
    },
    release(event) {
      if (this.dragging === null || event.pointerId !== this.pointer) return;
      this.dragging = null;
      this.pointer = null;
      if (this.moved) this.emitChange(); // a tap without a move changes nothing
    },
    nudge(index, event) {
      const step = (event.shiftKey ? 0.02 : 0.005) * Math.max(this.width, this.height);
      const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
      const delta = moves[event.key];
      if (!delta) return;
      event.preventDefault();
      const [x, y] = this.points[index];
      this.points.splice(index, 1, [this.clamp(x + delta[0], this.width), this.clamp(y + delta[1], this.height)]);
      clearTimeout(this.keyTimer);
      this.keyTimer = setTimeout(() => this.emitChange(), 500);
    },
    clamp(value, limit) {
      return Math.min(Math.max(value, 0), limit - 1);
    },
    emitChange() {
      this.$emit("change", { corners: this.points.map((p) => [p[0], p[1]]) });
    },
  },
};
