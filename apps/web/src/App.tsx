import { Layout } from './components/Layout.js';
import { Loading } from './components/States.js';
import { useAuth } from './lib/auth.js';
import { GraphqlProvider } from './lib/graphql.js';
import { useI18n } from './lib/i18n.js';
import { SocketProvider } from './lib/socket.js';
import { UnreadProvider } from './lib/unread.js';
import { NotificationsPage } from './pages/Notifications.js';
import { PeoplePage } from './pages/People.js';
import { GroupPage, GroupsPage } from './pages/Groups.js';
import { AdminHrImportPage } from './pages/AdminHrImport.js';
import { ModerationPage } from './pages/Moderation.js';
import { AdminBarriersPage } from './pages/AdminBarriers.js';
import { InsightsPage } from './pages/Insights.js';
import { BlogEditorPage, BlogPostPage, BlogsPage } from './pages/Blogs.js';
import { VacanciesPage } from './pages/Vacancies.js';
import { NoticeDetailPage, NoticePublishPage, NoticesPage } from './pages/Notices.js';
import { VacancyPostPage } from './pages/VacancyPost.js';
import { AdminAuditPage, AdminProfileFieldsPage, AdminRolesPage, AdminScimPage } from './pages/Admin.js';
import { SentMailPage } from './pages/admin/SentMail.js';
import { MailSettingsPage } from './pages/settings/MailSettings.js';
import { Link, usePath } from './lib/router.js';
import { HomePage } from './pages/Home.js';
import { LoginPage } from './pages/Login.js';
import { LinkedInImportPage } from './pages/LinkedInImport.js';
import { PersonPage, ProfilePage } from './pages/Profile.js';

function NotFound() {
  const { t } = useI18n();
  return (
    <section className="card">
      <h1>{t('notfound.title')}</h1>
      <Link href="/">{t('notfound.back')}</Link>
    </section>
  );
}

export function App() {
  const auth = useAuth();
  const path = usePath();
  if (auth.status === 'loading') return <Loading />;
  if (auth.status === 'anonymous') return <LoginPage />;
  const person = /^\/people\/([0-9a-f-]{36})$/.exec(path);
  const group = /^\/groups\/([0-9a-f-]{36})$/.exec(path);
  const blogPost = /^\/blogs\/([0-9a-f-]{36})$/.exec(path);
  const notice = /^\/notices\/([0-9a-f-]{36})$/.exec(path);
  const page =
    path === '/' ? <HomePage />
    : path === '/profile' ? <ProfilePage />
    : path === '/profile/linkedin' ? <LinkedInImportPage />
    : path === '/notifications' ? <NotificationsPage />
    : path === '/people' ? <PeoplePage />
    : path === '/groups' ? <GroupsPage />
    : path === '/admin/hr-import' ? <AdminHrImportPage />
    : path === '/moderation' ? <ModerationPage />
    : path === '/admin/barriers' ? <AdminBarriersPage />
    : path === '/insights' ? <InsightsPage />
    : path === '/blogs' ? <BlogsPage />
    : path === '/vacancies' ? <VacanciesPage />
    : path === '/vacancies/new' ? <VacancyPostPage />
    : path === '/notices' ? <NoticesPage />
    : path === '/notices/new' ? <NoticePublishPage />
    : notice ? <NoticeDetailPage key={notice[1]} id={notice[1]} />
    : path === '/admin/roles' ? <AdminRolesPage />
    : path === '/admin/profile-fields' ? <AdminProfileFieldsPage />
    : path === '/admin/scim' ? <AdminScimPage />
    : path === '/admin/audit' ? <AdminAuditPage />
    : path === '/admin/sent-mail' ? <SentMailPage />
    : path === '/settings/mail' ? <MailSettingsPage />
    : path === '/blogs/write' ? <BlogEditorPage />
    : blogPost ? <BlogPostPage key={blogPost[1]} id={blogPost[1]} />
    : group ? <GroupPage key={group[1]} id={group[1]} />
    : person ? <PersonPage key={person[1]} id={person[1]} />
    : <NotFound />;
  return (
    <GraphqlProvider>
      <SocketProvider>
        <UnreadProvider>
          <Layout>{page}</Layout>
        </UnreadProvider>
      </SocketProvider>
    </GraphqlProvider>
  );
}
