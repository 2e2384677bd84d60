/** Chart.js with only the parts the dashboard draws; imported by chart components only (never by the kiosk). */
import { Chart, LineController, BarController, LineElement, BarElement, PointElement, LinearScale, CategoryScale, Legend, Tooltip } from 'chart.js';

Chart.register(LineController, BarController, LineElement, BarElement, PointElement, LinearScale, CategoryScale, Legend, Tooltip);
Chart.defaults.font.family = '"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif';
Chart.defaults.font.size = 13;
Chart.defaults.color = '#1c2430';

export { Chart };
