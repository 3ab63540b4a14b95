import { lazy, Suspense } from 'react';
import { Layout } from './components/Layout.js';
import { Loading } from './components/States.js';
import { useAuth } from './lib/auth.js';
import { GraphqlProvider } from './lib/graphql.js';
import { useI18n } from './lib/i18n.js';
import { LiveCache } from './lib/live-cache.js';
import { OutboxProvider } from './lib/outbox.js';
import { SocketProvider } from './lib/socket.js';
import { UnreadProvider } from './lib/unread.js';
import { Link, usePath } from './lib/router.js';
import { HomePage } from './pages/home/Home.js';
import { LoginPage } from './pages/login/Login.js';
import { WelcomeGate } from './pages/welcome/WelcomeGate.js';

// Every page but the first screens (login, home) is its own chunk, fetched when first opened.
const NotificationsPage = lazy(() => import('./pages/notifications/Notifications.js').then((m) => ({ default: m.NotificationsPage })));
const PeoplePage = lazy(() => import('./pages/people/People.js').then((m) => ({ default: m.PeoplePage })));
const GroupPage = lazy(() => import('./pages/groups/GroupPage.js').then((m) => ({ default: m.GroupPage })));
const GroupsPage = lazy(() => import('./pages/groups/GroupsPage.js').then((m) => ({ default: m.GroupsPage })));
const AdminHrImportPage = lazy(() => import('./pages/admin/HrImport.js').then((m) => ({ default: m.AdminHrImportPage })));
const MyReportsPage = lazy(() => import('./pages/moderation/MyReports.js').then((m) => ({ default: m.MyReportsPage })));
const MyRecordPage = lazy(() => import('./pages/moderation/MyRecord.js').then((m) => ({ default: m.MyRecordPage })));
const ModerationPage = lazy(() => import('./pages/moderation/Moderation.js').then((m) => ({ default: m.ModerationPage })));
const AdminBarriersPage = lazy(() => import('./pages/admin/Barriers.js').then((m) => ({ default: m.AdminBarriersPage })));
const InsightsPage = lazy(() => import('./pages/insights/Insights.js').then((m) => ({ default: m.InsightsPage })));
const BlogEditorPage = lazy(() => import('./pages/blogs/BlogEditor.js').then((m) => ({ default: m.BlogEditorPage })));
const BlogPostPage = lazy(() => import('./pages/blogs/BlogPost.js').then((m) => ({ default: m.BlogPostPage })));
const BlogsPage = lazy(() => import('./pages/blogs/BlogsList.js').then((m) => ({ default: m.BlogsPage })));
const VacanciesPage = lazy(() => import('./pages/vacancies/Vacancies.js').then((m) => ({ default: m.VacanciesPage })));
const NoticeDetailPage = lazy(() => import('./pages/notices/NoticeDetail.js').then((m) => ({ default: m.NoticeDetailPage })));
const NoticePublishPage = lazy(() => import('./pages/notices/NoticePublish.js').then((m) => ({ default: m.NoticePublishPage })));
const NoticesPage = lazy(() => import('./pages/notices/Notices.js').then((m) => ({ default: m.NoticesPage })));
const VacancyPostPage = lazy(() => import('./pages/vacancies/VacancyPost.js').then((m) => ({ default: m.VacancyPostPage })));
const AdminAuditPage = lazy(() => import('./pages/admin/Audit.js').then((m) => ({ default: m.AdminAuditPage })));
const AdminProfileFieldsPage = lazy(() => import('./pages/admin/ProfileFields.js').then((m) => ({ default: m.AdminProfileFieldsPage })));
const AdminRolesPage = lazy(() => import('./pages/admin/Roles.js').then((m) => ({ default: m.AdminRolesPage })));
const AdminScimPage = lazy(() => import('./pages/admin/Scim.js').then((m) => ({ default: m.AdminScimPage })));
const LinkedInImportPage = lazy(() => import('./pages/profile/LinkedInImport.js').then((m) => ({ default: m.LinkedInImportPage })));
const PersonPage = lazy(() => import('./pages/profile/Profile.js').then((m) => ({ default: m.PersonPage })));
const SentMailPage = lazy(() => import('./pages/admin/SentMail.js').then((m) => ({ default: m.SentMailPage })));
const MailSettingsPage = lazy(() => import('./pages/settings/MailSettings.js').then((m) => ({ default: m.MailSettingsPage })));
const ProfilePage = lazy(() => import('./pages/profile/MyProfile.js').then((m) => ({ default: m.ProfilePage })));
const ThreadPage = lazy(() => import('./pages/messages/Thread.js').then((m) => ({ default: m.ThreadPage })));
const HashtagPage = lazy(() => import('./pages/hashtags/Hashtag.js').then((m) => ({ default: m.HashtagPage })));

function NotFound() {
  const { t } = useI18n();
  return (
    <section className="card">
      <h1>{t('notfound.title')}</h1>
      <Link href="/">{t('notfound.back')}</Link>
    </section>
  );
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function App() {
  const auth = useAuth();
  const path = usePath();
  if (auth.status === 'loading') return <Loading />;
  if (auth.status === 'anonymous') return <LoginPage />;
  const person = /^\/people\/([0-9a-f-]{36})$/.exec(path);
  const group = /^\/groups\/([0-9a-f-]{36})$/.exec(path);
  const blogPost = /^\/blogs\/([0-9a-f-]{36})$/.exec(path);
  const blogEdit = /^\/blogs\/([0-9a-f-]{36})\/edit$/.exec(path);
  const notice = /^\/notices\/([0-9a-f-]{36})$/.exec(path);
  const thread = /^\/messages\/([0-9a-f-]{36})$/.exec(path);
  const hashtag = /^\/hashtags\/([^/]+)$/.exec(path);
  const page =
    path === '/' ? <HomePage />
    : path === '/profile' ? <ProfilePage />
    : path === '/profile/linkedin' ? <LinkedInImportPage />
    : path === '/notifications' ? <NotificationsPage />
    : path === '/people' ? <PeoplePage />
    : path === '/groups' ? <GroupsPage />
    : path === '/admin/hr-import' ? <AdminHrImportPage />
    : path === '/moderation' ? <ModerationPage />
    : path === '/my/reports' ? <MyReportsPage />
    : path === '/my/moderation' ? <MyRecordPage />
    : path === '/admin/barriers' ? <AdminBarriersPage />
    : path === '/insights' ? <InsightsPage />
    : path === '/blogs' ? <BlogsPage />
    : path === '/vacancies' ? <VacanciesPage />
    : path === '/vacancies/new' ? <VacancyPostPage />
    : path === '/notices' ? <NoticesPage />
    : path === '/notices/new' ? <NoticePublishPage />
    : thread ? <ThreadPage key={thread[1]} id={thread[1]} />
    : hashtag ? <HashtagPage key={hashtag[1]} tag={safeDecode(hashtag[1])} />
    : notice ? <NoticeDetailPage key={notice[1]} id={notice[1]} />
    : path === '/admin/roles' ? <AdminRolesPage />
    : path === '/admin/profile-fields' ? <AdminProfileFieldsPage />
    : path === '/admin/scim' ? <AdminScimPage />
    : path === '/admin/audit' ? <AdminAuditPage />
    : path === '/admin/sent-mail' ? <SentMailPage />
    : path === '/settings/mail' ? <MailSettingsPage />
    : path === '/blogs/write' ? <BlogEditorPage />
    : blogPost ? <BlogPostPage key={blogPost[1]} id={blogPost[1]} />
    : blogEdit ? <BlogEditorPage key={blogEdit[1]} id={blogEdit[1]} />
    : group ? <GroupPage key={group[1]} id={group[1]} />
    : person ? <PersonPage key={person[1]} id={person[1]} />
    : <NotFound />;
  return (
    <GraphqlProvider>
      <SocketProvider>
        <LiveCache>
          <OutboxProvider>
            <UnreadProvider>
              <Layout>
                <WelcomeGate>
                  <Suspense fallback={<Loading />}>{page}</Suspense>
                </WelcomeGate>
              </Layout>
            </UnreadProvider>
          </OutboxProvider>
        </LiveCache>
      </SocketProvider>
    </GraphqlProvider>
  );
}
