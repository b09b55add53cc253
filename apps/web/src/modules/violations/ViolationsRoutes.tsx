import { Route, Routes } from 'react-router';
import ViolationDetailPage from './ViolationDetailPage';
import ViolationsPage from './ViolationsPage';

/** /violations and /violations/:id. */
export default function ViolationsRoutes() {
  return (
    <Routes>
      <Route index element={<ViolationsPage />} />
      <Route path=":id" element={<ViolationDetailPage />} />
    </Routes>
  );
}
