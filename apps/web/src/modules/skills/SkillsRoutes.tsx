import { Route, Routes } from 'react-router';
import SkillDetailPage from './SkillDetailPage';
import SkillsPage from './SkillsPage';

/** /skills and /skills/:id. */
export default function SkillsRoutes() {
  return (
    <Routes>
      <Route index element={<SkillsPage />} />
      <Route path=":id" element={<SkillDetailPage />} />
    </Routes>
  );
}
