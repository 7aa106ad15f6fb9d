export {
  type DigitOptions,
  digitFromPixels,
  type RgbaImage,
} from "./image/digit-from-pixels.js";
export { ImageReadError, type ImageReadErrorFields } from "./image/image-read-error.js";
export { type DecodeDigitOptions, decodeDigitPng, readDigitPng } from "./image/read-png.js";
export {
  type AccuracyCurveOptions,
  type AccuracyPoint,
  accuracyCurveSpec,
} from "./plots/accuracy-curve.js";
export { type ConfusionMatrixOptions, confusionMatrixSpec } from "./plots/confusion-matrix.js";
export { plotFontFiles } from "./plots/font.js";
export { type LossCurveOptions, type LossPoint, lossCurveSpec } from "./plots/loss-curve.js";
export {
  type MisclassifiedDigit,
  type MisclassifiedDigitsOptions,
  misclassifiedDigitsSpec,
} from "./plots/misclassified-digits.js";
export {
  type RenderedPlot,
  type RenderOptions,
  renderPlot,
  renderSvg,
  svgToPng,
} from "./plots/render.js";
export {
  type ReportHtmlOptions,
  type ReportPlot,
  reportHtml,
  type SummaryValue,
} from "./report/report-html.js";
export {
  type ReportPlotSpec,
  type WriteReportOptions,
  type WrittenReport,
  writeReport,
} from "./report/write-report.js";
