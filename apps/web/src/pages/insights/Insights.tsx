import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { errorText } from '../../lib/errors.js';
import { useClient, useMutation } from 'urql';
import { Chart } from '../../components/Chart.js';
import { ErrorState, Loading } from '../../components/States.js';
import { useAuth } from '../../lib/auth.js';
import { useI18n, type MessageKey } from '../../lib/i18n.js';
import { Link } from '../../lib/router.js';
import { graphql, type ResultOf } from '../../lib/gql.js';

const DASHBOARD = graphql(`query Insights($weeks: Int!) {
  insightsDashboard(weeks: $weeks) {
    weeks { weekStart activePeople activeShare postersShare messages replies likes blogPosts crossDepartmentShare newCrossDepartmentPairs
      resharesWithNoteShare campaignCopyShare managerBlogPosts managerComments managerCommentsAnsweredShare managerMedianSecondsToAnswer
      reports reportedItems medianMinutesToFirstAction }
    adoptionByDepartment { name people active7dShare active30dShare }
    adoptionByEmploymentType { name people active7dShare active30dShare }
    ambassadors { personId displayName messages30d likesReceived30d followers }
    everyoneMessages30d everyoneLikesReceived30d everyoneFollowers managers computedAt
  }
  campaigns(first: 20) { campaign { id size authorCount sample firstAt lastAt } reach copies copyEngagement personalised personalisedEngagement }
}`);
const RECOMPUTE = graphql(`mutation RecomputeInsights($weeks: Int!) { recomputeInsights(weeks: $weeks) { computedAt } }`);
const CSV = graphql(`query InsightsCsv($weeks: Int!) { insightsCsv(weeks: $weeks) }`);
const SET_AMBASSADOR = graphql(`mutation SetAmbassador($id: ID!, $on: Boolean!) { setAmbassador(personId: $id, ambassador: $on) }`);
const FIND = graphql(`query FindPeople($q: String!) { searchPeople(query: $q, first: 5) { edges { node { id displayName jobTitle ambassador } } } }`);

type Dashboard = ResultOf<typeof DASHBOARD>['insightsDashboard'];
type Week = Dashboard['weeks'][number];
type SegmentRow = Dashboard['adoptionByDepartment'][number];
type CampaignStats = ResultOf<typeof DASHBOARD>['campaigns'][number];
type Found = ResultOf<typeof FIND>['searchPeople']['edges'][number]['node'];

const EMPLOYMENT_TYPES = ['employee', 'contractor', 'freelancer'];

interface Column<T> {
  label: string;
  value: (row: T) => ReactNode;
}

/** A labelled table in a focusable scroll box, so wide tables never widen the page on a phone. */
function Table<T>({ name, rows, columns, rowKey, testId }: { name: string; rows: T[]; columns: Column<T>[]; rowKey: (row: T) => string; testId?: string }) {
  const { t } = useI18n();
  return (
    <div className="table-wrap" role="region" aria-label={t('insights.table', { name })} tabIndex={0}>
      <table className="figures" data-testid={testId}>
        <caption className="sr-only">{name}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.label} scope="col">
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={rowKey(r)}>
              {columns.map((c, i) =>
                i === 0 ? (
                  <th key={c.label} scope="row">
                    {c.value(r)}
                  </th>
                ) : (
                  <td key={c.label}>{c.value(r)}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A bar next to a share, for the weekly trend (the number is the content; the bar only shows it). */
function ShareBar({ share, text }: { share: number; text: string }) {
  return (
    <span className="share">
      <span className="share-bar" aria-hidden="true">
        <span style={{ width: `${Math.round(Math.min(1, Math.max(0, share)) * 100)}%` }} />
      </span>
      {text}
    </span>
  );
}

/** Community managers and admins: adoption, participation, connection, leadership, authenticity, safety, ambassadors, campaigns; CSV export. */
export function InsightsPage() {
  const { t, language, formatDate, formatNumber } = useI18n();
  const { person } = useAuth();
  const client = useClient();
  const [weeks, setWeeks] = useState(12);
  const [data, setData] = useState<{ insightsDashboard: Dashboard; campaigns: CampaignStats[] } | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Found[]>([]);
  const [csvUrl, setCsvUrl] = useState<string | null>(null);
  const [, setAmbassador] = useMutation(SET_AMBASSADOR);
  const [{ fetching: recomputing }, recompute] = useMutation(RECOMPUTE);
  const admin = person?.roles.includes('admin') ?? false;
  const allowed = person?.roles.some((r) => r === 'community_manager' || r === 'admin') ?? false;

  const load = useCallback(async () => {
    // network-only: reloaded after a recompute; the figures move with the nightly rollup.
    const res = await client.query(DASHBOARD, { weeks }, { requestPolicy: 'network-only' }).toPromise();
    if (res.error || !res.data) return setFailed(errorText(t, res.error) ?? t('app.error'));
    setFailed(null);
    setData(res.data);
  }, [client, weeks, t]);
  useEffect(() => {
    if (allowed) void load();
  }, [allowed, load]);

  // Search as you type for someone to make ambassador.
  useEffect(() => {
    const q = query.trim();
    if (q.length < 2) return setFound([]);
    const timer = window.setTimeout(async () => {
      const res = await client.query(FIND, { q }).toPromise();
      setFound(res.data?.searchPeople.edges.map((e) => e.node) ?? []);
    }, 250);
    return () => window.clearTimeout(timer);
  }, [client, query]);

  useEffect(() => () => void (csvUrl && URL.revokeObjectURL(csvUrl)), [csvUrl]);

  if (!allowed) return <p className="card">{t('admin.forbidden')}</p>;
  if (failed) return <ErrorState message={failed} onRetry={() => void load()} />;
  if (!data) return <Loading />;
  const d = data.insightsDashboard;

  const pct = (share: number | null) => (share === null ? t('insights.none') : new Intl.NumberFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { style: 'percent', maximumFractionDigits: 0 }).format(share));
  const num = (n: number | null) => (n === null ? t('insights.none') : formatNumber(Math.round(n * 10) / 10));
  const duration = (seconds: number | null) => {
    if (seconds === null) return t('insights.none');
    if (seconds < 120) return t('insights.duration.seconds', { count: formatNumber(Math.round(seconds)) });
    if (seconds < 7200) return t('insights.duration.minutes', { count: formatNumber(Math.round(seconds / 60)) });
    return t('insights.duration.hours', { count: formatNumber(Math.round(seconds / 360) / 10) });
  };
  const week = { label: t('insights.week'), value: (w: Week) => new Intl.DateTimeFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { day: 'numeric', month: 'short' }).format(new Date(w.weekStart)) };
  const newestFirst = [...d.weeks].reverse();
  const locale = language === 'nl' ? 'nl-NL' : 'en-GB';
  const weekLabels = d.weeks.map((w) => String(week.value(w)));
  const segmentName = (s: SegmentRow) => (s.name === 'other' ? t('insights.other') : EMPLOYMENT_TYPES.includes(s.name) ? t(`badge.${s.name.toUpperCase()}` as MessageKey) : s.name);
  const segmentChart = (rows: SegmentRow[], name: string, testId: string) => (
    <Chart
      kind="bar"
      horizontal
      percent
      label={t('insights.chart.segments', { name })}
      labels={rows.map(segmentName)}
      datasets={[
        { label: t('insights.active7d'), data: rows.map((s) => s.active7dShare) },
        { label: t('insights.active30d'), data: rows.map((s) => s.active30dShare), color: '#9cc9b7' },
      ]}
      locale={locale}
      testId={testId}
      height={70 + rows.length * 34}
    />
  );
  const segmentColumns: Column<SegmentRow>[] = [
    { label: t('insights.segment'), value: (s) => (s.name === 'other' ? t('insights.other') : EMPLOYMENT_TYPES.includes(s.name) ? t(`badge.${s.name.toUpperCase()}` as MessageKey) : s.name) },
    { label: t('insights.people'), value: (s) => formatNumber(s.people) },
    { label: t('insights.active7d'), value: (s) => <ShareBar share={s.active7dShare} text={pct(s.active7dShare)} /> },
    { label: t('insights.active30d'), value: (s) => pct(s.active30dShare) },
  ];

  async function toggleAmbassador(id: string, name: string, on: boolean) {
    setNotice(null);
    const res = await setAmbassador({ id, on });
    if (res.error) return setNotice(errorText(t, res.error));
    setNotice(t(on ? 'insights.ambassador.marked' : 'insights.ambassador.unmarked', { name }));
    setFound((list) => list.map((f) => (f.id === id ? { ...f, ambassador: on } : f)));
    await load();
  }

  async function recomputeNow() {
    setNotice(null);
    const res = await recompute({ weeks });
    if (res.error) return setNotice(errorText(t, res.error));
    setNotice(t('insights.recomputed'));
    await load();
  }

  async function exportCsv() {
    setNotice(null);
    // network-only: an export is of this moment.
    const res = await client.query(CSV, { weeks }, { requestPolicy: 'network-only' }).toPromise();
    if (res.error || !res.data) return setNotice(errorText(t, res.error) ?? t('app.error'));
    const url = URL.createObjectURL(new Blob([res.data.insightsCsv], { type: 'text/csv;charset=utf-8' }));
    setCsvUrl(url);
    // Start the download at once; the link stays for a second try.
    const a = document.createElement('a');
    a.href = url;
    a.download = `plein-insights-${new Date().toISOString().slice(0, 10)}.csv`;
    document.body.append(a);
    a.click();
    a.remove();
  }

  return (
    <>
      <section className="card" aria-labelledby="insights-title">
        <h1 id="insights-title">{t('insights.title')}</h1>
        <p className="muted">{t('insights.intro')}</p>
        <p className="small muted" data-testid="insights-computed">
          {d.computedAt ? t('insights.computedAt', { date: formatDate(d.computedAt) }) : t('insights.notComputed')}
        </p>
        <div className="row-actions">
          <label htmlFor="insights-weeks" className="inline-label">
            {t('insights.weeks')}
          </label>
          <select id="insights-weeks" value={weeks} onChange={(e) => setWeeks(Number(e.target.value))}>
            {[4, 12, 26, 52].map((n) => (
              <option key={n} value={n}>
                {t('insights.weeksOption', { count: n })}
              </option>
            ))}
          </select>
          <button type="button" className="button-quiet" onClick={() => void exportCsv()}>
            {t('insights.csv')}
          </button>
          {admin && (
            <button type="button" className="button-quiet" disabled={recomputing} onClick={() => void recomputeNow()}>
              {recomputing ? t('insights.recomputing') : t('insights.recompute')}
            </button>
          )}
          {csvUrl && (
            <a className="button-like button-quiet" href={csvUrl} download="plein-insights.csv">
              CSV
            </a>
          )}
        </div>
        {notice && (
          <p role="status" className="small">
            {notice}
          </p>
        )}
      </section>

      <section className="card" aria-labelledby="adoption-title">
        <h2 id="adoption-title">{t('insights.adoption')}</h2>
        <h3>{t('insights.adoption.trend')}</h3>
        <Chart kind="line" label={t('insights.chart.active')} labels={weekLabels} datasets={[{ label: t('insights.activePeople'), data: d.weeks.map((w) => w.activePeople) }]} locale={locale} testId="chart-active" />
        <Table
          name={t('insights.adoption.trend')}
          testId="adoption-trend"
          rows={newestFirst}
          rowKey={(w) => w.weekStart}
          columns={[
            week,
            { label: t('insights.activePeople'), value: (w) => formatNumber(w.activePeople) },
            { label: t('insights.activeShare'), value: (w) => <ShareBar share={w.activeShare} text={pct(w.activeShare)} /> },
          ]}
        />
        <h3>{t('insights.byDepartment')}</h3>
        {segmentChart(d.adoptionByDepartment, t('insights.byDepartment'), 'chart-department')}
        <Table name={t('insights.byDepartment')} testId="adoption-department" rows={d.adoptionByDepartment} rowKey={(s) => s.name} columns={segmentColumns} />
        <h3>{t('insights.byEmploymentType')}</h3>
        {segmentChart(d.adoptionByEmploymentType, t('insights.byEmploymentType'), 'chart-type')}
        <Table name={t('insights.byEmploymentType')} testId="adoption-type" rows={d.adoptionByEmploymentType} rowKey={(s) => s.name} columns={segmentColumns} />
      </section>

      <section className="card" aria-labelledby="participation-title">
        <h2 id="participation-title">{t('insights.participation')}</h2>
        <Table
          name={t('insights.participation')}
          rows={newestFirst}
          rowKey={(w) => w.weekStart}
          columns={[
            week,
            { label: t('insights.messages'), value: (w) => formatNumber(w.messages) },
            { label: t('insights.replies'), value: (w) => formatNumber(w.replies) },
            { label: t('insights.likes'), value: (w) => formatNumber(w.likes) },
            { label: t('insights.blogPosts'), value: (w) => formatNumber(w.blogPosts) },
            { label: t('insights.postersShare'), value: (w) => pct(w.postersShare) },
          ]}
        />
      </section>

      <section className="card" aria-labelledby="connection-title">
        <h2 id="connection-title">{t('insights.connection')}</h2>
        <Table
          name={t('insights.connection')}
          rows={newestFirst}
          rowKey={(w) => w.weekStart}
          columns={[
            week,
            { label: t('insights.crossShare'), value: (w) => <ShareBar share={w.crossDepartmentShare} text={pct(w.crossDepartmentShare)} /> },
            { label: t('insights.newPairs'), value: (w) => formatNumber(w.newCrossDepartmentPairs) },
          ]}
        />
      </section>

      <section className="card" aria-labelledby="leadership-title">
        <h2 id="leadership-title">{t('insights.leadership')}</h2>
        {d.managers === null ? (
          <p className="state">{t('insights.managersHidden')}</p>
        ) : (
          <>
            <p className="small muted">{t('insights.managers', { count: d.managers })}</p>
            <Chart
              kind="bar"
              label={t('insights.chart.answer')}
              labels={weekLabels}
              datasets={[{ label: t('insights.chart.answerMinutes'), data: d.weeks.map((w) => (w.managerMedianSecondsToAnswer === null ? null : Math.round(w.managerMedianSecondsToAnswer / 60))) }]}
              locale={locale}
              testId="chart-answer"
            />
            <Table
              name={t('insights.leadership')}
              testId="leadership"
              rows={newestFirst}
              rowKey={(w) => w.weekStart}
              columns={[
                week,
                { label: t('insights.managerPosts'), value: (w) => num(w.managerBlogPosts) },
                { label: t('insights.managerComments'), value: (w) => num(w.managerComments) },
                { label: t('insights.answeredShare'), value: (w) => pct(w.managerCommentsAnsweredShare) },
                { label: t('insights.medianAnswer'), value: (w) => duration(w.managerMedianSecondsToAnswer) },
              ]}
            />
          </>
        )}
      </section>

      <section className="card" aria-labelledby="authenticity-title">
        <h2 id="authenticity-title">{t('insights.authenticity')}</h2>
        <Chart
          kind="bar"
          stacked
          percent
          label={t('insights.chart.campaign')}
          labels={weekLabels}
          datasets={[
            { label: t('insights.chart.copies'), data: d.weeks.map((w) => (w.messages > 0 ? w.campaignCopyShare : null)), color: '#c05640', stack: 'posts' },
            { label: t('insights.chart.personal'), data: d.weeks.map((w) => (w.messages > 0 ? 1 - w.campaignCopyShare : null)), color: '#0b6e4f', stack: 'posts' },
          ]}
          locale={locale}
          testId="chart-campaign"
        />
        <Table
          name={t('insights.authenticity')}
          rows={newestFirst}
          rowKey={(w) => w.weekStart}
          columns={[
            week,
            { label: t('insights.notesShare'), value: (w) => pct(w.resharesWithNoteShare) },
            { label: t('insights.copyShare'), value: (w) => pct(w.campaignCopyShare) },
          ]}
        />
      </section>

      <section className="card" aria-labelledby="safety-title">
        <h2 id="safety-title">{t('insights.safety')}</h2>
        <Table
          name={t('insights.safety')}
          testId="safety"
          rows={newestFirst}
          rowKey={(w) => w.weekStart}
          columns={[
            week,
            { label: t('insights.reports'), value: (w) => formatNumber(w.reports) },
            { label: t('insights.reportedItems'), value: (w) => formatNumber(w.reportedItems) },
            { label: t('insights.medianFirstAction'), value: (w) => duration(w.medianMinutesToFirstAction === null ? null : w.medianMinutesToFirstAction * 60) },
          ]}
        />
      </section>

      <section className="card" aria-labelledby="ambassadors-title">
        <h2 id="ambassadors-title">{t('insights.ambassadors')}</h2>
        {d.ambassadors.length === 0 ? (
          <p className="state">{t('insights.ambassadors.empty')}</p>
        ) : (
          <Table
            name={t('insights.ambassadors')}
            testId="ambassadors"
            rows={[...d.ambassadors, { personId: 'everyone', displayName: t('insights.ambassador.everyone'), messages30d: d.everyoneMessages30d, likesReceived30d: d.everyoneLikesReceived30d, followers: d.everyoneFollowers }]}
            rowKey={(a) => a.personId}
            columns={[
              { label: t('insights.segment'), value: (a) => (a.personId === 'everyone' ? <em>{a.displayName}</em> : <Link href={`/people/${a.personId}`}>{a.displayName}</Link>) },
              { label: t('insights.ambassador.messages'), value: (a) => num(a.messages30d) },
              { label: t('insights.ambassador.likes'), value: (a) => num(a.likesReceived30d) },
              { label: t('insights.ambassador.followers'), value: (a) => num(a.followers) },
              {
                label: t('insights.ambassador.unmark'),
                value: (a) =>
                  a.personId === 'everyone' ? null : (
                    <button type="button" className="button-quiet" aria-label={t('insights.ambassador.unmarkNamed', { name: a.displayName })} onClick={() => void toggleAmbassador(a.personId, a.displayName, false)}>
                      {t('insights.ambassador.unmark')}
                    </button>
                  ),
              },
            ]}
          />
        )}
        <label htmlFor="ambassador-find">{t('insights.ambassador.find')}</label>
        <input id="ambassador-find" type="search" value={query} maxLength={200} autoComplete="off" onChange={(e) => setQuery(e.target.value)} />
        {found.length > 0 && (
          <ul className="plain found" data-testid="ambassador-candidates">
            {found.map((f) => (
              <li key={f.id} className="row-between">
                <span>
                  <strong>{f.displayName}</strong> {f.jobTitle && <span className="muted small">{f.jobTitle}</span>}
                </span>
                {f.ambassador ? (
                  <span className="badge badge-ambassador">{t('badge.ambassador')}</span>
                ) : (
                  <button type="button" aria-label={t('insights.ambassador.markNamed', { name: f.displayName })} onClick={() => void toggleAmbassador(f.id, f.displayName, true)}>
                    {t('insights.ambassador.mark')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card" aria-labelledby="campaigns-title">
        <h2 id="campaigns-title">{t('insights.campaigns')}</h2>
        <p className="small muted">{t('insights.campaigns.intro')}</p>
        {data.campaigns.length === 0 ? (
          <p className="state">{t('insights.campaigns.empty')}</p>
        ) : (
          <ul className="plain" data-testid="campaigns">
            {data.campaigns.map((c) => (
              <li key={c.campaign.id} className="campaign-stats">
                <blockquote className="original">
                  <p className="message-text">{c.campaign.sample ?? t('insights.campaign.sampleHidden')}</p>
                </blockquote>
                <dl className="stat-grid">
                  <div>
                    <dt>{t('insights.campaign.size')}</dt>
                    <dd>{formatNumber(c.campaign.size)}</dd>
                  </div>
                  <div>
                    <dt>{t('insights.campaign.authors')}</dt>
                    <dd>{formatNumber(c.campaign.authorCount)}</dd>
                  </div>
                  <div>
                    <dt>{t('insights.campaign.reach')}</dt>
                    <dd>{formatNumber(c.reach)}</dd>
                  </div>
                  <div>
                    <dt>{t('insights.campaign.copies')}</dt>
                    <dd>{formatNumber(c.copies)}</dd>
                  </div>
                  <div>
                    <dt>{t('insights.campaign.copyEngagement')}</dt>
                    <dd>{num(c.copyEngagement)}</dd>
                  </div>
                  <div>
                    <dt>{t('insights.campaign.personalised')}</dt>
                    <dd>{formatNumber(c.personalised)}</dd>
                  </div>
                  <div>
                    <dt>{t('insights.campaign.personalisedEngagement')}</dt>
                    <dd>{num(c.personalisedEngagement)}</dd>
                  </div>
                </dl>
                <p className="small muted">
                  {formatDate(c.campaign.firstAt)} – {formatDate(c.campaign.lastAt)}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
