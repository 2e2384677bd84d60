/** The dashboard's answer shapes live with their schemas in src/shared/api; the server names them from there. */
export type {
  DailyPoint, DailyStats, FilterEcho, RankRow, Ranking, Heatmap, ReasonCount, Reasons, FeedbackItem, Feedback,
  MonthRow, MonthReport, DisplayWindow, DisplayFigures, Subjects,
} from '../../shared/api';
